import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogFixture } from '../testing/catalog-fixture.js';
import { useTempDir } from '../testing/use-temp-dir.js';
import { openDatabase } from './database.js';
import { createCatalogCache } from './catalog-cache.js';

const temp = useTempDir();

describe('catalog cache', () => {
  it('is empty before the first sync', () => {
    const db = openDatabase(path.join(temp.dir, 'k.sqlite'));
    expect(createCatalogCache(db).load()).toBeNull();
    db.close();
  });

  it('keeps the catalogue across a restart of the kiosk', () => {
    const file = path.join(temp.dir, 'k.sqlite');
    const first = openDatabase(file);
    createCatalogCache(first).save(catalogFixture('v7'), '"v7"', '2026-11-28T10:00:00.000Z');
    first.close();

    const second = openDatabase(file);
    const cached = createCatalogCache(second).load();
    expect(cached?.etag).toBe('"v7"');
    expect(cached?.catalog.version).toBe('v7');
    expect(cached?.syncedAt).toBe('2026-11-28T10:00:00.000Z');
    second.close();
  });

  it('replaces the catalogue whole and refreshes the sync time on a 304', () => {
    const db = openDatabase(path.join(temp.dir, 'k.sqlite'));
    const cache = createCatalogCache(db);
    cache.save(catalogFixture('v1'), '"v1"', '2026-11-28T10:00:00.000Z');
    cache.save(catalogFixture('v2'), '"v2"', '2026-11-28T11:00:00.000Z');
    cache.markFresh('2026-11-28T12:00:00.000Z');
    expect(cache.load()).toMatchObject({ etag: '"v2"', syncedAt: '2026-11-28T12:00:00.000Z' });
    db.close();
  });

  it('treats a stored copy that no longer matches the contract as absent', () => {
    const db = openDatabase(path.join(temp.dir, 'k.sqlite'));
    db.prepare('INSERT INTO catalog_cache VALUES (1, ?, ?, ?)').run('"x"', '{"version":1}', 'now');
    expect(createCatalogCache(db).load()).toBeNull();
    db.prepare('UPDATE catalog_cache SET body = ? WHERE id = 1').run('not json');
    expect(createCatalogCache(db).load()).toBeNull();
    db.close();
  });
});

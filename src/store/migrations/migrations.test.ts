import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrate } from '../database.js';
import { settings } from './0001-settings.js';
import { catalogCache } from './0002-catalog-cache.js';
import { kioskMigrations } from './index.js';

function columns(db: Database.Database, table: string) {
  return (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
}

describe('kiosk migrations', () => {
  it('are listed in order, one per file, numbered 1..n', () => {
    expect(kioskMigrations.map((m) => m.version)).toEqual(kioskMigrations.map((_, i) => i + 1));
  });

  it('0001-settings creates a key/value table with a unique key', () => {
    const db = new Database(':memory:');
    migrate(db, [settings]);
    expect(columns(db, 'settings')).toEqual(['key', 'value', 'updated_at']);
    const insert = db.prepare('INSERT INTO settings VALUES (?, ?, ?)');
    insert.run('kiosk-id', '"k1"', '2026-01-01T00:00:00.000Z');
    expect(() => insert.run('kiosk-id', '"k2"', '2026-01-01T00:00:00.000Z')).toThrow(/UNIQUE/);
    db.close();
  });

  it('0002-catalog-cache keeps exactly one cached catalogue', () => {
    const db = new Database(':memory:');
    migrate(db, [settings, catalogCache]);
    expect(columns(db, 'catalog_cache')).toEqual(['id', 'etag', 'body', 'synced_at']);
    const insert = db.prepare('INSERT INTO catalog_cache VALUES (?, ?, ?, ?)');
    insert.run(1, '"a"', '{}', '2026-01-01T00:00:00.000Z');
    expect(() => insert.run(2, '"b"', '{}', '2026-01-01T00:00:00.000Z')).toThrow(/CHECK/);
    db.close();
  });
});

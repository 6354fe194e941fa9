import { readdirSync } from 'node:fs';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { describeEachEngine } from '../testing/engines.js';
import { migrateToLatest } from './migrate.js';
import { centralMigrations } from './migrations/index.js';

describe('central migrations', () => {
  it('are listed one per file, in file-name order', () => {
    const files = readdirSync(new URL('./migrations/', import.meta.url))
      .filter((file) => /^\d{4}-[a-z0-9-]+\.ts$/.test(file) && !file.endsWith('.test.ts'))
      .map((file) => file.replace(/\.ts$/, ''))
      .sort();
    expect(Object.keys(centralMigrations)).toEqual(files);
  });

  it('each has its own test file', () => {
    const files = readdirSync(new URL('./migrations/', import.meta.url));
    for (const name of Object.keys(centralMigrations)) {
      expect(files).toContain(`${name}.test.ts`);
    }
  });
});

describeEachEngine('migrateToLatest', (engine) => {
  it('applies every migration once, then nothing', async () => {
    const { db } = await engine.openDatabase();
    expect(await migrateToLatest(db)).toEqual(Object.keys(centralMigrations));
    expect(await migrateToLatest(db)).toEqual([]);
  });

  it('refuses a database migrated by a newer central', async () => {
    const { db } = await engine.openDatabase();
    await migrateToLatest(db);
    await sql`insert into kysely_migration (name, timestamp) values ('9999-future', '2030-01-01T00:00:00.000Z')`.execute(
      db,
    );
    await expect(migrateToLatest(db)).rejects.toThrow(/migration failed/);
  });
});

import { sql } from 'kysely';
import { expect, it } from 'vitest';
import type { CentralDb } from '../index.js';
import { describeEachEngine } from '../../testing/engines.js';
import { createMigrator } from '../migrate.js';

const added = [
  'kiosks_branch',
  'requests_created_number',
  'requests_kiosk',
  'requests_type_created',
];

async function indexes(db: CentralDb, engine: string): Promise<string[]> {
  const rows =
    engine === 'sqlite'
      ? await sql<{ name: string }>`select name from sqlite_master where type = 'index'`.execute(db)
      : await sql<{ name: string }>`select indexname as name from pg_indexes`.execute(db);
  return rows.rows.map((row) => row.name).filter((name) => added.includes(name));
}

describeEachEngine('migration 0012-bandeja', (engine) => {
  it('adds the indexes "Bandeja" pages with, and takes them away again', async () => {
    const { db } = await engine.openDatabase();
    const migrator = createMigrator(db);
    expect((await migrator.migrateTo('0012-bandeja')).error).toBeUndefined();
    expect((await indexes(db, engine.name)).sort()).toEqual(added);
    const before = (await migrator.getMigrations())
      .map((migration) => migration.name)
      .filter((name) => name < '0012-bandeja')
      .at(-1)!;
    expect((await migrator.migrateTo(before)).error).toBeUndefined();
    expect(await indexes(db, engine.name)).toEqual([]);
  });
});

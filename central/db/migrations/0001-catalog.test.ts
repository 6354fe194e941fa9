import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { describeEachEngine } from '../../testing/engines.js';
import { schemaOf } from '../../testing/tables.js';
import { createMigrator } from '../migrate.js';

const now = '2026-01-01T00:00:00.000Z';

describeEachEngine('migration 0001-catalog', (engine) => {
  it('creates the request types and the single cooperative settings row, and drops them', async () => {
    const { db } = await engine.openDatabase();
    const migrator = createMigrator(db);
    const { error } = await migrator.migrateTo('0001-catalog');
    expect(error).toBeUndefined();

    const { columns } = await schemaOf(db);
    expect(columns('request_types')).toEqual(['definition', 'id', 'position', 'updated_at']);
    expect(columns('cooperative_settings')).toEqual(
      ['branding', 'catalog_version', 'id', 'settings', 'updated_at'].sort(),
    );

    const type = { id: 'alta-energia', position: 0, definition: '{}', updated_at: now };
    await db.insertInto('request_types').values(type).execute();
    await expect(
      db
        .insertInto('request_types')
        .values({ ...type, id: 'otro' })
        .execute(),
    ).rejects.toThrow(/unique/i);

    const settings = { branding: '{}', settings: '{}', catalog_version: 'v1', updated_at: now };
    await db
      .insertInto('cooperative_settings')
      .values({ id: 1, ...settings })
      .execute();
    await expect(
      db
        .insertInto('cooperative_settings')
        .values({ id: 2, ...settings })
        .execute(),
    ).rejects.toThrow(/check/i);

    const down = await migrator.migrateDown();
    expect(down.error).toBeUndefined();
    const left = await db.introspection.getTables();
    expect(left.map((t) => t.name)).not.toContain('request_types');
    expect(left.map((t) => t.name)).not.toContain('cooperative_settings');
    await sql`select 1`.execute(db);
  });
});

import { sql, type Kysely, type Migration } from 'kysely';

/**
 * The catalogue the kiosks sync: request types (with their steps and requirements) and the
 * cooperative's branding and settings. Written with Kysely's schema builder so it runs the same
 * on SQLite and PostgreSQL.
 */
export const catalog: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('request_types')
      .addColumn('id', 'text', (column) => column.primaryKey())
      .addColumn('position', 'integer', (column) => column.notNull().unique())
      .addColumn('definition', 'text', (column) => column.notNull())
      .addColumn('updated_at', 'text', (column) => column.notNull())
      .execute();

    await db.schema
      .createTable('cooperative_settings')
      .addColumn('id', 'integer', (column) => column.primaryKey())
      .addColumn('branding', 'text', (column) => column.notNull())
      .addColumn('settings', 'text', (column) => column.notNull())
      .addColumn('catalog_version', 'text', (column) => column.notNull())
      .addColumn('updated_at', 'text', (column) => column.notNull())
      .addCheckConstraint('cooperative_settings_single_row', sql`id = 1`)
      .execute();
  },

  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('cooperative_settings').execute();
    await db.schema.dropTable('request_types').execute();
  },
};

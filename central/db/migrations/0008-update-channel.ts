import type { Kysely, Migration } from 'kysely';

/** Each kiosk's update channel, set by IT on the central (stable unless they choose beta). */
export const updateChannel: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('kiosks')
      .addColumn('update_channel', 'text', (column) => column.notNull().defaultTo('stable'))
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.alterTable('kiosks').dropColumn('update_channel').execute();
  },
};

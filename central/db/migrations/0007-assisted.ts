import type { Kysely, Migration } from 'kysely';

/**
 * Assisted mode: a customer's session opened by a staff member at a kiosk, with the reason they
 * gave. Every call made with such a session is audited with the staff member and the kiosk.
 */
export const assisted: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('assisted_sessions')
      .addColumn('token_hash', 'text', (column) =>
        column.primaryKey().references('sessions.token_hash').onDelete('cascade'),
      )
      .addColumn('staff_id', 'text', (column) => column.notNull().references('staff_members.id'))
      .addColumn('kiosk_id', 'text')
      .addColumn('reason', 'text', (column) => column.notNull())
      .addColumn('created_at', 'text', (column) => column.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('assisted_sessions').execute();
  },
};

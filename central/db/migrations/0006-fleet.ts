import { sql, type Kysely, type Migration } from 'kysely';

/**
 * The fleet: enrolment codes (only their hashes), enrolled kiosks with their credential's hash
 * and last heartbeat, a short history of heartbeats; and what staff need at a kiosk: a PIN and a
 * badge per member, and sessions scoped to one kiosk that end when left idle.
 */
export const fleet: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('kiosk_enrolment_codes')
      .addColumn('code_hash', 'text', (column) => column.primaryKey())
      .addColumn('branch', 'text', (column) => column.notNull())
      .addColumn('created_at', 'text', (column) => column.notNull())
      .addColumn('expires_at', 'text', (column) => column.notNull())
      // Null when made with the command line.
      .addColumn('created_by', 'text', (column) => column.references('staff_members.id'))
      .addColumn('used_at', 'text')
      .addColumn('used_by', 'text')
      .execute();

    await db.schema
      .createTable('kiosks')
      .addColumn('id', 'text', (column) => column.primaryKey())
      .addColumn('branch', 'text', (column) => column.notNull())
      .addColumn('credential_hash', 'text', (column) => column.notNull().unique())
      .addColumn('enrolled_at', 'text', (column) => column.notNull())
      .addColumn('revoked_at', 'text')
      .addColumn('revoked_by', 'text', (column) => column.references('staff_members.id'))
      .addColumn('revoke_reason', 'text')
      .addColumn('last_seen_at', 'text')
      .addColumn('last_heartbeat', 'text')
      .execute();

    await db.schema
      .createTable('kiosk_heartbeats')
      .addColumn('id', 'text', (column) => column.primaryKey())
      .addColumn('kiosk_id', 'text', (column) =>
        column.notNull().references('kiosks.id').onDelete('cascade'),
      )
      .addColumn('received_at', 'text', (column) => column.notNull())
      .addColumn('report', 'text', (column) => column.notNull())
      .execute();
    await db.schema
      .createIndex('kiosk_heartbeats_kiosk')
      .on('kiosk_heartbeats')
      .columns(['kiosk_id', 'received_at'])
      .execute();

    await db.schema.alterTable('staff_members').addColumn('pin_hash', 'text').execute();
    await db.schema.alterTable('staff_members').addColumn('badge_hash', 'text').execute();
    // A unique index, not a column constraint: SQLite cannot add a UNIQUE column.
    await db.schema
      .createIndex('staff_members_badge')
      .unique()
      .on('staff_members')
      .column('badge_hash')
      .execute();

    await db.schema
      .alterTable('staff_sessions')
      .addColumn('scope', 'text', (column) =>
        column
          .notNull()
          .defaultTo('central')
          .check(sql`scope in ('central', 'kiosk')`),
      )
      .execute();
    await db.schema.alterTable('staff_sessions').addColumn('kiosk_id', 'text').execute();
    await db.schema.alterTable('staff_sessions').addColumn('last_used_at', 'text').execute();
  },

  async down(db: Kysely<unknown>) {
    await db.schema.alterTable('staff_sessions').dropColumn('last_used_at').execute();
    await db.schema.alterTable('staff_sessions').dropColumn('kiosk_id').execute();
    await db.schema.alterTable('staff_sessions').dropColumn('scope').execute();
    await db.schema.dropIndex('staff_members_badge').execute();
    await db.schema.alterTable('staff_members').dropColumn('badge_hash').execute();
    await db.schema.alterTable('staff_members').dropColumn('pin_hash').execute();
    await db.schema.dropTable('kiosk_heartbeats').execute();
    await db.schema.dropTable('kiosks').execute();
    await db.schema.dropTable('kiosk_enrolment_codes').execute();
  },
};

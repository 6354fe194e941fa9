import { sql, type Kysely, type Migration } from 'kysely';

/**
 * The cooperative's staff: members with a role, their sessions (only token hashes are kept) and
 * the audit log of every action they take on customers' requests.
 */
export const staff: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('staff_members')
      .addColumn('id', 'text', (column) => column.primaryKey())
      .addColumn('email', 'text', (column) => column.notNull().unique())
      .addColumn('name', 'text', (column) => column.notNull())
      .addColumn('role', 'text', (column) => column.notNull().check(sql`role in ('staff')`))
      .addColumn('password_hash', 'text', (column) => column.notNull())
      .addColumn('created_at', 'text', (column) => column.notNull())
      .addColumn('disabled_at', 'text')
      .execute();

    await db.schema
      .createTable('staff_sessions')
      .addColumn('token_hash', 'text', (column) => column.primaryKey())
      .addColumn('staff_id', 'text', (column) =>
        column.notNull().references('staff_members.id').onDelete('cascade'),
      )
      .addColumn('kiosk', 'text', (column) => column.notNull())
      .addColumn('created_at', 'text', (column) => column.notNull())
      .addColumn('expires_at', 'text', (column) => column.notNull())
      .addColumn('ended_at', 'text')
      .execute();

    await db.schema
      .createTable('staff_audit')
      .addColumn('id', 'text', (column) => column.primaryKey())
      // No cascade: the log outlives what it is about.
      .addColumn('staff_id', 'text', (column) => column.notNull().references('staff_members.id'))
      .addColumn('kiosk_id', 'text')
      .addColumn('account_id', 'text')
      .addColumn('request_id', 'text')
      .addColumn('action', 'text', (column) => column.notNull())
      .addColumn('detail', 'text')
      .addColumn('at', 'text', (column) => column.notNull())
      .execute();
    await db.schema.createIndex('staff_audit_at').on('staff_audit').column('at').execute();

    // Who moved a request: a staff member of this table.
    await db.schema
      .createIndex('request_history_staff')
      .on('request_history')
      .column('staff_id')
      .execute();
  },

  async down(db: Kysely<unknown>) {
    await db.schema.dropIndex('request_history_staff').execute();
    await db.schema.dropTable('staff_audit').execute();
    await db.schema.dropTable('staff_sessions').execute();
    await db.schema.dropTable('staff_members').execute();
  },
};

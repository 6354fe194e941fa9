import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Requests ("trámites") and what they need: resumable uploads of their attachments (the bytes are
 * files on disk, content-addressed; only their hashes and sizes are here), public numbers per
 * year, delivery tokens, state history, the customer's notifications, and the idempotency keys of
 * mutations (recorded in the same transaction as their effect).
 */
export const requests: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('uploads')
      .addColumn('id', 'text', (column) => column.primaryKey())
      .addColumn('account_id', 'text', (column) =>
        column.notNull().references('accounts.id').onDelete('cascade'),
      )
      .addColumn('sha256', 'text', (column) => column.notNull())
      .addColumn('size', 'integer', (column) => column.notNull().check(sql`size > 0`))
      .addColumn('received_bytes', 'integer', (column) =>
        column.notNull().check(sql`received_bytes >= 0 and received_bytes <= size`),
      )
      .addColumn('pages', 'integer')
      .addColumn('created_at', 'text', (column) => column.notNull())
      .addColumn('expires_at', 'text', (column) => column.notNull())
      .addColumn('completed_at', 'text')
      // One upload per file and account: announcing it again resumes it.
      .addUniqueConstraint('uploads_account_file', ['account_id', 'sha256'])
      .execute();

    await db.schema
      .createTable('request_numbers')
      .addColumn('year', 'integer', (column) => column.primaryKey())
      .addColumn('last_number', 'integer', (column) => column.notNull())
      .execute();

    await db.schema
      .createTable('requests')
      .addColumn('id', 'text', (column) => column.primaryKey())
      .addColumn('number', 'text', (column) => column.notNull().unique())
      .addColumn('request_type_id', 'text', (column) => column.notNull())
      .addColumn('title', 'text', (column) => column.notNull())
      .addColumn('account_id', 'text', (column) => column.notNull().references('accounts.id'))
      .addColumn('supply_number', 'text')
      .addColumn('kiosk_id', 'text')
      .addColumn('fields', 'text', (column) => column.notNull())
      .addColumn('state', 'text', (column) =>
        column
          .notNull()
          .check(
            sql`state in ('enviado', 'en-revision', 'observado', 'aprobado', 'rechazado', 'finalizado')`,
          ),
      )
      .addColumn('pending_step_id', 'text')
      .addColumn('created_at', 'text', (column) => column.notNull())
      .addColumn('updated_at', 'text', (column) => column.notNull())
      .execute();
    await db.schema
      .createIndex('requests_state_created')
      .on('requests')
      .columns(['state', 'created_at'])
      .execute();
    await db.schema
      .createIndex('requests_account_created')
      .on('requests')
      .columns(['account_id', 'created_at'])
      .execute();

    await db.schema
      .createTable('delivery_tokens')
      .addColumn('token_hash', 'text', (column) => column.primaryKey())
      .addColumn('account_id', 'text', (column) =>
        column.notNull().references('accounts.id').onDelete('cascade'),
      )
      .addColumn('purpose', 'text', (column) =>
        column.notNull().check(sql`purpose in ('request', 'answer')`),
      )
      .addColumn('request_id', 'text', (column) => column.references('requests.id'))
      .addColumn('request_number', 'text', (column) => column.unique())
      .addColumn('kiosk', 'text', (column) => column.notNull())
      .addColumn('created_at', 'text', (column) => column.notNull())
      .addColumn('expires_at', 'text', (column) => column.notNull())
      .addColumn('used_at', 'text')
      .addColumn('used_key', 'text')
      .execute();

    await db.schema
      .createTable('request_attachments')
      .addColumn('request_id', 'text', (column) =>
        column.notNull().references('requests.id').onDelete('cascade'),
      )
      .addColumn('round', 'integer', (column) => column.notNull())
      .addColumn('requirement_id', 'text', (column) => column.notNull())
      .addColumn('position', 'integer', (column) => column.notNull())
      .addColumn('sha256', 'text', (column) => column.notNull())
      .addColumn('size', 'integer', (column) => column.notNull())
      .addColumn('pages', 'integer', (column) => column.notNull())
      .addPrimaryKeyConstraint('request_attachments_pk', [
        'request_id',
        'round',
        'requirement_id',
        'position',
      ])
      .execute();

    await db.schema
      .createTable('request_history')
      .addColumn('request_id', 'text', (column) =>
        column.notNull().references('requests.id').onDelete('cascade'),
      )
      .addColumn('position', 'integer', (column) => column.notNull())
      .addColumn('state', 'text', (column) => column.notNull())
      .addColumn('message', 'text', (column) => column.notNull())
      .addColumn('step_id', 'text')
      .addColumn('actor', 'text', (column) =>
        column.notNull().check(sql`actor in ('system', 'customer', 'staff')`),
      )
      .addColumn('staff_id', 'text')
      .addColumn('at', 'text', (column) => column.notNull())
      // Two changes racing for the same position: one fails instead of both landing.
      .addPrimaryKeyConstraint('request_history_pk', ['request_id', 'position'])
      .execute();

    await db.schema
      .createTable('notifications')
      .addColumn('id', 'text', (column) => column.primaryKey())
      .addColumn('request_id', 'text', (column) =>
        column.notNull().references('requests.id').onDelete('cascade'),
      )
      .addColumn('account_id', 'text', (column) => column.notNull().references('accounts.id'))
      .addColumn('history_position', 'integer', (column) => column.notNull())
      .addColumn('state', 'text', (column) => column.notNull())
      .addColumn('message', 'text', (column) => column.notNull())
      .addColumn('step_id', 'text')
      .addColumn('created_at', 'text', (column) => column.notNull())
      .addColumn('read_at', 'text')
      .execute();
    await db.schema
      .createIndex('notifications_request')
      .on('notifications')
      .columns(['request_id', 'history_position'])
      .execute();

    await db.schema
      .createTable('idempotency_keys')
      .addColumn('account_id', 'text', (column) =>
        column.notNull().references('accounts.id').onDelete('cascade'),
      )
      .addColumn('key', 'text', (column) => column.notNull())
      .addColumn('operation', 'text', (column) => column.notNull())
      .addColumn('fingerprint', 'text', (column) => column.notNull())
      .addColumn('claim_id', 'text', (column) => column.notNull())
      .addColumn('claimed_at', 'text', (column) => column.notNull())
      .addColumn('response_status', 'integer')
      .addColumn('response_body', 'text')
      .addColumn('completed_at', 'text')
      .addPrimaryKeyConstraint('idempotency_keys_pk', ['account_id', 'key'])
      .execute();
  },

  async down(db: Kysely<unknown>) {
    for (const table of [
      'idempotency_keys',
      'notifications',
      'request_history',
      'request_attachments',
      'delivery_tokens',
      'requests',
      'request_numbers',
      'uploads',
    ]) {
      await db.schema.dropTable(table).execute();
    }
  },
};

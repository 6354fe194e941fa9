import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Customer accounts and what proves them: one-time codes sent by mail, sign-in sessions and the
 * counters that throttle password guessing. Secrets (password, codes, link and session tokens)
 * are stored only as hashes. Timestamps are ISO-8601 UTC text, compared as text.
 */
export const accounts: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('accounts')
      .addColumn('id', 'text', (column) => column.primaryKey())
      // Normalized (trimmed, lower case) by the contract before it gets here.
      .addColumn('email', 'text', (column) => column.notNull().unique())
      .addColumn('password_hash', 'text', (column) => column.notNull())
      .addColumn('first_name', 'text', (column) => column.notNull())
      .addColumn('last_name', 'text', (column) => column.notNull())
      .addColumn('document_type', 'text', (column) => column.notNull())
      .addColumn('document_number', 'text', (column) => column.notNull())
      .addColumn('birth_date', 'text', (column) => column.notNull())
      .addColumn('phone', 'text', (column) => column.notNull())
      .addColumn('activated_at', 'text')
      .addColumn('created_at', 'text', (column) => column.notNull())
      // One account per identity document: the cooperative's customer is a person.
      .addUniqueConstraint('accounts_document_unique', ['document_type', 'document_number'])
      .execute();

    await db.schema
      .createTable('verification_codes')
      .addColumn('id', 'text', (column) => column.primaryKey())
      .addColumn('account_id', 'text', (column) =>
        column.notNull().references('accounts.id').onDelete('cascade'),
      )
      .addColumn('purpose', 'text', (column) =>
        column.notNull().check(sql`purpose in ('activation', 'password_reset')`),
      )
      .addColumn('code_hash', 'text', (column) => column.notNull())
      .addColumn('link_token_hash', 'text', (column) => column.notNull().unique())
      .addColumn('expires_at', 'text', (column) => column.notNull())
      .addColumn('used_at', 'text')
      // Set when a newer code of the same purpose replaces this one.
      .addColumn('revoked_at', 'text')
      .addColumn('failed_attempts', 'integer', (column) => column.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (column) => column.notNull())
      .execute();
    await db.schema
      .createIndex('verification_codes_account')
      .on('verification_codes')
      .columns(['account_id', 'purpose', 'created_at'])
      .execute();

    await db.schema
      .createTable('sessions')
      // sha-256 of the bearer token, hex.
      .addColumn('token_hash', 'text', (column) => column.primaryKey())
      .addColumn('account_id', 'text', (column) =>
        column.notNull().references('accounts.id').onDelete('cascade'),
      )
      .addColumn('kiosk', 'text', (column) => column.notNull())
      .addColumn('created_at', 'text', (column) => column.notNull())
      .addColumn('expires_at', 'text', (column) => column.notNull())
      .addColumn('ended_at', 'text')
      .execute();
    await db.schema.createIndex('sessions_account').on('sessions').column('account_id').execute();

    await db.schema
      .createTable('throttle_counters')
      .addColumn('key', 'text', (column) => column.primaryKey())
      .addColumn('window_start', 'text', (column) => column.notNull())
      .addColumn('count', 'integer', (column) => column.notNull())
      .addColumn('blocked_until', 'text')
      .execute();
  },

  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('throttle_counters').execute();
    await db.schema.dropTable('sessions').execute();
    await db.schema.dropTable('verification_codes').execute();
    await db.schema.dropTable('accounts').execute();
  },
};

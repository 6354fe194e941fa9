import { sql, type Kysely, type Migration } from 'kysely';

/**
 * The customer master data the billing system exports (customers, supplies, invoices), which
 * accounts have linked which supplies, and the one-time hand-offs to the payments site. Natural
 * keys (document, supply number, invoice number) are the billing system's own, so a re-import
 * updates the same rows. Timestamps are ISO-8601 UTC text; calendar dates are YYYY-MM-DD text.
 */
export const supplies: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('customers')
      .addColumn('document_type', 'text', (column) => column.notNull())
      // Normalized: no dots, dashes or spaces, upper case.
      .addColumn('document_number', 'text', (column) => column.notNull())
      .addColumn('first_name', 'text', (column) => column.notNull())
      .addColumn('last_name', 'text', (column) => column.notNull())
      .addColumn('birth_date', 'text', (column) => column.notNull())
      .addColumn('updated_at', 'text', (column) => column.notNull())
      .addPrimaryKeyConstraint('customers_pk', ['document_type', 'document_number'])
      .execute();

    await db.schema
      .createTable('supplies')
      .addColumn('number', 'text', (column) => column.primaryKey())
      .addColumn('service', 'text', (column) =>
        column.notNull().check(sql`service in ('energia', 'internet', 'servicio-social')`),
      )
      .addColumn('address', 'text', (column) => column.notNull())
      .addColumn('state', 'text', (column) =>
        column.notNull().check(sql`state in ('activo', 'baja', 'en-tramite')`),
      )
      .addColumn('holder_document_type', 'text', (column) => column.notNull())
      .addColumn('holder_document_number', 'text', (column) => column.notNull())
      .addColumn('updated_at', 'text', (column) => column.notNull())
      .addForeignKeyConstraint(
        'supplies_holder_fk',
        ['holder_document_type', 'holder_document_number'],
        'customers',
        ['document_type', 'document_number'],
      )
      .execute();
    await db.schema
      .createIndex('supplies_holder')
      .on('supplies')
      .columns(['holder_document_type', 'holder_document_number'])
      .execute();

    await db.schema
      .createTable('invoices')
      // As printed on the invoice ("0003-00012345").
      .addColumn('number', 'text', (column) => column.primaryKey())
      // The number without separators, as a customer types it: what linking matches on.
      .addColumn('number_key', 'text', (column) => column.notNull().unique())
      .addColumn('supply_number', 'text', (column) =>
        column.notNull().references('supplies.number'),
      )
      .addColumn('period', 'text', (column) => column.notNull())
      // Whole cents: money is never a float.
      .addColumn('amount_cents', 'bigint', (column) =>
        column.notNull().check(sql`amount_cents >= 0`),
      )
      .addColumn('due_date', 'text', (column) => column.notNull())
      .addColumn('state', 'text', (column) =>
        column.notNull().check(sql`state in ('pendiente', 'pagada', 'anulada')`),
      )
      .addColumn('payment_barcode', 'text', (column) => column.notNull())
      .addColumn('updated_at', 'text', (column) => column.notNull())
      .execute();
    await db.schema
      .createIndex('invoices_supply_period')
      .on('invoices')
      .columns(['supply_number', 'period'])
      .execute();

    await db.schema
      .createTable('account_supplies')
      .addColumn('account_id', 'text', (column) =>
        column.notNull().references('accounts.id').onDelete('cascade'),
      )
      .addColumn('supply_number', 'text', (column) =>
        column.notNull().references('supplies.number').onDelete('cascade'),
      )
      .addColumn('linked_at', 'text', (column) => column.notNull())
      .addPrimaryKeyConstraint('account_supplies_pk', ['account_id', 'supply_number'])
      .execute();

    await db.schema
      .createTable('payments_handoffs')
      // sha-256 of the token, hex: the token itself only travels in the URL.
      .addColumn('token_hash', 'text', (column) => column.primaryKey())
      .addColumn('account_id', 'text', (column) =>
        column.notNull().references('accounts.id').onDelete('cascade'),
      )
      .addColumn('created_at', 'text', (column) => column.notNull())
      .addColumn('expires_at', 'text', (column) => column.notNull())
      .addColumn('used_at', 'text')
      .execute();
  },

  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('payments_handoffs').execute();
    await db.schema.dropTable('account_supplies').execute();
    await db.schema.dropTable('invoices').execute();
    await db.schema.dropTable('supplies').execute();
    await db.schema.dropTable('customers').execute();
  },
};

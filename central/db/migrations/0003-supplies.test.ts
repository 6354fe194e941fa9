import { expect, it } from 'vitest';
import { describeEachEngine } from '../../testing/engines.js';
import { schemaOf } from '../../testing/tables.js';
import { isUniqueViolation } from '../errors.js';
import { createMigrator } from '../migrate.js';

const now = '2026-01-01T00:00:00.000Z';
const account = {
  id: 'a1',
  email: 'ana@example.com',
  password_hash: '$argon2id$...',
  first_name: 'Ana',
  last_name: 'Pérez',
  document_type: 'DNI',
  document_number: '30123456',
  birth_date: '1980-05-25',
  phone: '3514567890',
  activated_at: now,
  created_at: now,
};
const customer = {
  document_type: 'DNI',
  document_number: '30123456',
  first_name: 'Ana',
  last_name: 'Pérez',
  birth_date: '1980-05-25',
  updated_at: now,
};
const supply = {
  number: '100234',
  service: 'energia',
  address: 'San Martín 120',
  state: 'activo',
  holder_document_type: 'DNI',
  holder_document_number: '30123456',
  updated_at: now,
};
const invoice = {
  number: '0003-00012345',
  number_key: '000300012345',
  supply_number: '100234',
  period: '2026-01',
  // Beyond 32 bits: a large customer's invoice in cents.
  amount_cents: 3_000_000_000,
  due_date: '2026-02-10',
  state: 'pendiente',
  payment_barcode: '12345678901234567890',
  updated_at: now,
};

describeEachEngine('migration 0003-supplies', (engine) => {
  it('creates the master data, links and hand-offs with their constraints, and drops them', async () => {
    const { db } = await engine.openDatabase();
    const migrator = createMigrator(db);
    expect((await migrator.migrateTo('0003-supplies')).error).toBeUndefined();

    const { columns } = await schemaOf(db);
    expect(columns('customers')).toEqual(Object.keys(customer).sort());
    expect(columns('supplies')).toEqual(Object.keys(supply).sort());
    expect(columns('invoices')).toEqual(Object.keys(invoice).sort());
    expect(columns('account_supplies')).toEqual(['account_id', 'linked_at', 'supply_number']);
    expect(columns('payments_handoffs')).toEqual(
      ['account_id', 'created_at', 'expires_at', 'token_hash', 'used_at'].sort(),
    );

    // A supply needs its holder among the customers.
    await expect(db.insertInto('supplies').values(supply).execute()).rejects.toThrow(/foreign/i);
    await db.insertInto('customers').values(customer).execute();
    await expect(db.insertInto('customers').values(customer).execute()).rejects.toSatisfy(
      isUniqueViolation,
    );
    await expect(
      db
        .insertInto('supplies')
        .values({ ...supply, service: 'gas' })
        .execute(),
    ).rejects.toThrow(/check/i);
    await db.insertInto('supplies').values(supply).execute();

    await db.insertInto('invoices').values(invoice).execute();
    const stored = await db.selectFrom('invoices').select('amount_cents').executeTakeFirstOrThrow();
    expect(Number(stored.amount_cents)).toBe(3_000_000_000);
    await expect(
      db
        .insertInto('invoices')
        .values({ ...invoice, number: '0003-0001-2345' })
        .execute(),
    ).rejects.toSatisfy(isUniqueViolation);
    await expect(
      db
        .insertInto('invoices')
        .values({ ...invoice, number: 'X', number_key: 'X', state: 'vencida' })
        .execute(),
    ).rejects.toThrow(/check/i);

    await db.insertInto('accounts').values(account).execute();
    const link = { account_id: 'a1', supply_number: '100234', linked_at: now };
    await db.insertInto('account_supplies').values(link).execute();
    await expect(db.insertInto('account_supplies').values(link).execute()).rejects.toSatisfy(
      isUniqueViolation,
    );
    await db
      .insertInto('payments_handoffs')
      .values({
        token_hash: 'h',
        account_id: 'a1',
        created_at: now,
        expires_at: now,
        used_at: null,
      })
      .execute();

    // Deleting the account removes its links and hand-offs with it.
    await db.deleteFrom('accounts').execute();
    expect(await db.selectFrom('account_supplies').selectAll().execute()).toEqual([]);
    expect(await db.selectFrom('payments_handoffs').selectAll().execute()).toEqual([]);

    const down = await migrator.migrateTo('0002-accounts');
    expect(down.error).toBeUndefined();
    const left = (await db.introspection.getTables()).map((t) => t.name);
    for (const table of [
      'customers',
      'supplies',
      'invoices',
      'account_supplies',
      'payments_handoffs',
    ]) {
      expect(left).not.toContain(table);
    }
    expect(left).toContain('accounts');
  });
});

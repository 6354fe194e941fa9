import type { Selectable } from 'kysely';
import { Invoice, Supply } from '../../src/contract/index.js';
import type { CentralDb } from '../db/index.js';
import { isUniqueViolation } from '../db/index.js';
import type { InvoiceTable, SupplyTable } from '../db/schema.js';
import { invoiceKey } from './csv-values.js';

/** A supply with its holder's data, for checking a proof of holdership. */
export type SupplyWithHolder = Selectable<SupplyTable> & {
  holder_birth_date: string;
};

/**
 * The supplies a number a customer typed may stand for: the supply with that number, and the
 * supply of the invoice with that number (people copy whichever they find on the invoice).
 */
export async function suppliesForNumber(db: CentralDb, typed: string): Promise<SupplyWithHolder[]> {
  const bySupply = db
    .selectFrom('supplies')
    .select('supplies.number')
    .where('supplies.number', '=', typed);
  const byInvoice = db
    .selectFrom('invoices')
    .select('invoices.supply_number as number')
    .where('invoices.number_key', '=', invoiceKey(typed));
  // The payment barcode printed on the invoice, as the kiosk's camera reads it.
  const byBarcode = db
    .selectFrom('invoices')
    .select('invoices.supply_number as number')
    .where('invoices.payment_barcode', '=', typed);
  return db
    .selectFrom('supplies')
    .innerJoin('customers', (join) =>
      join
        .onRef('customers.document_type', '=', 'supplies.holder_document_type')
        .onRef('customers.document_number', '=', 'supplies.holder_document_number'),
    )
    .selectAll('supplies')
    .select('customers.birth_date as holder_birth_date')
    .where('supplies.number', 'in', bySupply.union(byInvoice).union(byBarcode))
    .execute();
}

export function toSupply(row: Selectable<SupplyTable>): Supply {
  return Supply.parse({
    number: row.number,
    service: row.service,
    address: row.address,
    state: row.state,
  });
}

/** Links a supply to an account; false when it was already linked to it (no second row). */
export async function linkToAccount(
  db: CentralDb,
  accountId: string,
  supplyNumber: string,
  now: Date,
): Promise<boolean> {
  try {
    const result = await db
      .insertInto('account_supplies')
      .values({ account_id: accountId, supply_number: supplyNumber, linked_at: now.toISOString() })
      .onConflict((conflict) => conflict.columns(['account_id', 'supply_number']).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
  } catch (error) {
    // Two links of the same pair racing: the other one won, which is the same outcome.
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

export async function linkedSupplies(db: CentralDb, accountId: string): Promise<Supply[]> {
  const rows = await db
    .selectFrom('account_supplies')
    .innerJoin('supplies', 'supplies.number', 'account_supplies.supply_number')
    .selectAll('supplies')
    .where('account_supplies.account_id', '=', accountId)
    .orderBy('account_supplies.linked_at')
    .orderBy('supplies.number')
    .execute();
  return rows.map(toSupply);
}

export async function isLinked(
  db: CentralDb,
  accountId: string,
  supplyNumber: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('account_supplies')
    .select('supply_number')
    .where('account_id', '=', accountId)
    .where('supply_number', '=', supplyNumber)
    .executeTakeFirst();
  return row !== undefined;
}

/** The newest invoice of a supply (by period, then due date); annulled ones do not count. */
export function latestInvoiceRow(
  db: CentralDb,
  supplyNumber: string,
): Promise<Selectable<InvoiceTable> | undefined> {
  return db
    .selectFrom('invoices')
    .selectAll()
    .where('supply_number', '=', supplyNumber)
    .where('state', '!=', 'anulada')
    .orderBy('period', 'desc')
    .orderBy('due_date', 'desc')
    .orderBy('number', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The calendar day (YYYY-MM-DD) it is at `now` where the cooperative is. */
/** One formatter per time zone: making one costs more than the whole invoice query. */
const dayFormats = new Map<string, Intl.DateTimeFormat>();

export function calendarDay(now: Date, timeZone: string): string {
  let format = dayFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    dayFormats.set(timeZone, format);
  }
  const parts = format.formatToParts(now);
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((candidate) => candidate.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** An invoice is overdue from the day after its due date, while it is unpaid. */
export function toInvoice(row: Selectable<InvoiceTable>, today: string): Invoice {
  return Invoice.parse({
    number: row.number,
    supplyNumber: row.supply_number,
    period: row.period,
    amountCents: Number(row.amount_cents),
    dueDate: row.due_date,
    state: row.state,
    overdue: row.state === 'pendiente' && row.due_date < today,
    paymentBarcode: row.payment_barcode === '' ? null : row.payment_barcode,
  });
}

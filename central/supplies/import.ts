import type { Transaction } from 'kysely';
import type { CentralDb, CentralSchema } from '../db/index.js';
import {
  customerKey,
  readMasterDataFiles,
  type ImportProblem,
  type MasterDataFile,
  type MasterDataRows,
  type Refused,
  type RowSource,
} from './csv-file.js';
import { invoiceKey } from './csv-values.js';
import { importMessages as m } from './messages.js';

type Trx = Transaction<CentralSchema>;

export type ImportCounts = { added: number; updated: number };
export type ImportSummary = {
  customers: ImportCounts;
  supplies: ImportCounts;
  invoices: ImportCounts;
  /** Links to accounts removed because the supply changed holder. */
  linksRemoved: number;
};
export type ImportResult =
  { ok: true; summary: ImportSummary } | { ok: false; problems: ImportProblem[] };

export type ImportOptions = {
  now?: Date;
  /** Changes the validated rows before they are checked and written (the demo moves its dates). */
  adjust?: (rows: MasterDataRows) => MasterDataRows;
};

/** Rows per statement: well under both engines' limits on bound parameters. */
const CHUNK = 200;

/**
 * Imports the billing system's customers, supplies and invoices: all or nothing, in one
 * transaction. Every row is validated and cross-checked (duplicates, holders and supplies that
 * exist in the files or in the central); any refusal imports nothing and every refusal is
 * reported. Rows that exist are updated (a re-import of a newer export); none is deleted.
 */
export async function importMasterData(
  db: CentralDb,
  files: readonly MasterDataFile[],
  { now = new Date(), adjust = (rows) => rows }: ImportOptions = {},
): Promise<ImportResult> {
  const read = readMasterDataFiles(files);
  const rows = adjust(read.rows);
  const refs = references(rows, read.refused);
  return db.transaction().execute(async (trx) => {
    const existing = await loadExisting(trx, rows, refs);
    const problems = [...read.problems, ...crossCheck(rows, refs, existing, read.refused)];
    if (problems.length > 0) return { ok: false, problems: inFileOrder(problems, files) };
    return { ok: true, summary: await write(trx, rows, existing, now.toISOString()) };
  });
}

type Existing = Awaited<ReturnType<typeof loadExisting>>;

/** The rows' references to holders, supplies and invoice numbers, refused rows' included. */
type References = {
  holders: (RowSource & { type: string; number: string })[];
  supplies: (RowSource & { number: string })[];
  invoices: (RowSource & { number: string })[];
};

function references(rows: MasterDataRows, refused: Refused): References {
  const holders: References['holders'] = rows.supplies.map((row) => ({
    ...row.source,
    type: row.holderDocumentType,
    number: row.holderDocumentNumber,
  }));
  for (const row of refused.supplyRows) {
    const { tipo_documento_titular: type, numero_documento_titular: number } = row;
    if (type !== undefined && number !== undefined) holders.push({ ...row.source, type, number });
  }
  const supplies: References['supplies'] = rows.invoices.map((row) => ({
    ...row.source,
    number: row.supplyNumber,
  }));
  const invoices: References['invoices'] = rows.invoices.map((row) => ({
    ...row.source,
    number: row.number,
  }));
  for (const row of refused.invoiceRows) {
    if (row.suministro !== undefined) supplies.push({ ...row.source, number: row.suministro });
    if (row.numero !== undefined) invoices.push({ ...row.source, number: row.numero });
  }
  return { holders, supplies, invoices };
}

async function loadExisting(trx: Trx, rows: MasterDataRows, refs: References) {
  const documents = unique([
    ...rows.customers.map((row) => row.documentNumber),
    ...refs.holders.map((ref) => ref.number),
  ]);
  const supplyNumbers = unique([
    ...rows.supplies.map((row) => row.number),
    ...refs.supplies.map((ref) => ref.number),
  ]);
  const invoiceKeys = unique(refs.invoices.map((ref) => invoiceKey(ref.number)));

  const customers = new Set<string>();
  for (const part of chunks(documents)) {
    const found = await trx
      .selectFrom('customers')
      .select(['document_type', 'document_number'])
      .where('document_number', 'in', part)
      .execute();
    for (const row of found) customers.add(customerKey(row.document_type, row.document_number));
  }
  const supplies = new Map<string, string>();
  for (const part of chunks(supplyNumbers)) {
    const found = await trx
      .selectFrom('supplies')
      .select(['number', 'holder_document_type', 'holder_document_number'])
      .where('number', 'in', part)
      .execute();
    for (const row of found) {
      supplies.set(row.number, customerKey(row.holder_document_type, row.holder_document_number));
    }
  }
  const invoices = new Map<string, string>();
  for (const part of chunks(invoiceKeys)) {
    const found = await trx
      .selectFrom('invoices')
      .select(['number', 'number_key'])
      .where('number_key', 'in', part)
      .execute();
    for (const row of found) invoices.set(row.number_key, row.number);
  }
  return { customers, supplies, invoices };
}

function crossCheck(
  rows: MasterDataRows,
  refs: References,
  existing: Existing,
  refused: Refused,
): ImportProblem[] {
  const problems: ImportProblem[] = [];
  const refuse = (source: RowSource, reason: string) =>
    problems.push({ file: source.file, line: source.line, reason });

  const customers = firstOccurrences(
    rows.customers,
    (row) => customerKey(row.documentType, row.documentNumber),
    (row, first) =>
      refuse(row.source, m.duplicateCustomer(`${row.documentType} ${row.documentNumber}`, first)),
  );
  const supplies = firstOccurrences(
    rows.supplies,
    (row) => row.number,
    (row, first) => refuse(row.source, m.duplicateSupply(row.number, first)),
  );
  firstOccurrences(
    rows.invoices,
    (row) => invoiceKey(row.number),
    (row, first) => refuse(row.source, m.duplicateInvoice(row.number, first)),
  );

  for (const ref of refs.holders) {
    const holder = customerKey(ref.type, ref.number);
    // A holder whose own row was refused is already reported there.
    if (customers.has(holder) || existing.customers.has(holder)) continue;
    if (refused.wholeFile || refused.customers.has(holder)) continue;
    refuse(ref, m.column('numero_documento_titular', m.unknownHolder(ref.type, ref.number)));
  }
  for (const ref of refs.supplies) {
    const known =
      supplies.has(ref.number) ||
      existing.supplies.has(ref.number) ||
      refused.supplies.has(ref.number) ||
      refused.wholeFile;
    if (!known) refuse(ref, m.column('suministro', m.unknownSupply(ref.number)));
  }
  for (const ref of refs.invoices) {
    const stored = existing.invoices.get(invoiceKey(ref.number));
    if (stored !== undefined && stored !== ref.number) {
      refuse(ref, m.column('numero', m.invoiceKeyTaken(ref.number, stored)));
    }
  }
  return problems;
}

async function write(
  trx: Trx,
  rows: MasterDataRows,
  existing: Existing,
  now: string,
): Promise<ImportSummary> {
  for (const part of chunks(rows.customers)) {
    await trx
      .insertInto('customers')
      .values(
        part.map((row) => ({
          document_type: row.documentType,
          document_number: row.documentNumber,
          first_name: row.firstName,
          last_name: row.lastName,
          birth_date: row.birthDate,
          updated_at: now,
        })),
      )
      .onConflict((conflict) =>
        conflict.columns(['document_type', 'document_number']).doUpdateSet((eb) => ({
          first_name: eb.ref('excluded.first_name'),
          last_name: eb.ref('excluded.last_name'),
          birth_date: eb.ref('excluded.birth_date'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
  }

  for (const part of chunks(rows.supplies)) {
    await trx
      .insertInto('supplies')
      .values(
        part.map((row) => ({
          number: row.number,
          service: row.service,
          address: row.address,
          state: row.state,
          holder_document_type: row.holderDocumentType,
          holder_document_number: row.holderDocumentNumber,
          updated_at: now,
        })),
      )
      .onConflict((conflict) =>
        conflict.column('number').doUpdateSet((eb) => ({
          service: eb.ref('excluded.service'),
          address: eb.ref('excluded.address'),
          state: eb.ref('excluded.state'),
          holder_document_type: eb.ref('excluded.holder_document_type'),
          holder_document_number: eb.ref('excluded.holder_document_number'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
  }

  // A supply that changed hands stops showing its invoices to the previous holder's account.
  const newHolder = rows.supplies.filter((row) => {
    const before = existing.supplies.get(row.number);
    return (
      before !== undefined &&
      before !== customerKey(row.holderDocumentType, row.holderDocumentNumber)
    );
  });
  let linksRemoved = 0;
  for (const part of chunks(newHolder.map((row) => row.number))) {
    const result = await trx
      .deleteFrom('account_supplies')
      .where('supply_number', 'in', part)
      .executeTakeFirst();
    linksRemoved += Number(result.numDeletedRows);
  }

  for (const part of chunks(rows.invoices)) {
    await trx
      .insertInto('invoices')
      .values(
        part.map((row) => ({
          number: row.number,
          number_key: invoiceKey(row.number),
          supply_number: row.supplyNumber,
          period: row.period,
          amount_cents: row.amountCents,
          due_date: row.dueDate,
          state: row.state,
          payment_barcode: row.paymentBarcode ?? '',
          updated_at: now,
        })),
      )
      .onConflict((conflict) =>
        conflict.column('number').doUpdateSet((eb) => ({
          supply_number: eb.ref('excluded.supply_number'),
          period: eb.ref('excluded.period'),
          amount_cents: eb.ref('excluded.amount_cents'),
          due_date: eb.ref('excluded.due_date'),
          state: eb.ref('excluded.state'),
          payment_barcode: eb.ref('excluded.payment_barcode'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
  }

  const counts = <T>(list: T[], isStored: (row: T) => boolean): ImportCounts => {
    const updated = list.filter(isStored).length;
    return { added: list.length - updated, updated };
  };
  return {
    customers: counts(rows.customers, (row) =>
      existing.customers.has(customerKey(row.documentType, row.documentNumber)),
    ),
    supplies: counts(rows.supplies, (row) => existing.supplies.has(row.number)),
    invoices: counts(rows.invoices, (row) => existing.invoices.has(invoiceKey(row.number))),
    linksRemoved,
  };
}

/** The first row of each key; `duplicate` hears of every later one. */
function firstOccurrences<T extends { source: { file: string; line: number } }>(
  rows: T[],
  keyOf: (row: T) => string,
  duplicate: (row: T, first: string) => void,
): Set<string> {
  const first = new Map<string, T>();
  for (const row of rows) {
    const key = keyOf(row);
    const earlier = first.get(key);
    if (earlier) duplicate(row, m.at(earlier.source.file, earlier.source.line));
    else first.set(key, row);
  }
  return new Set(first.keys());
}

function inFileOrder(problems: ImportProblem[], files: readonly MasterDataFile[]) {
  const order = (file: string) => files.findIndex((candidate) => candidate.name === file);
  return problems.sort((a, b) => order(a.file) - order(b.file) || a.line - b.line);
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

function chunks<T>(values: T[]): T[][] {
  const parts: T[][] = [];
  for (let start = 0; start < values.length; start += CHUNK) {
    parts.push(values.slice(start, start + CHUNK));
  }
  return parts;
}

import type { z } from 'zod';
import { invoiceStates, serviceKinds, supplyStates } from '../../src/contract/index.js';
import { validateDocument, type DocumentType } from '../../src/domain/document.js';
import {
  amountCents,
  calendarDate,
  choice,
  documentNumber,
  documentType,
  invoiceNumber,
  optionalName,
  paymentBarcode,
  period,
  personName,
  supplyNumber,
  text,
} from './csv-values.js';
import { importMessages as m } from './messages.js';

/**
 * The three files a billing system exports, one row kind each. Columns are named in Spanish as
 * the cooperative's staff read them; the order of the columns does not matter.
 *
 * Each column is read on its own and then the row's rules run on whatever columns were read, so
 * that a row with several faults reports all of them at once.
 */

type Columns = Record<string, z.ZodType<unknown, string>>;
type Values<C extends Columns> = { -readonly [K in keyof C]: z.output<C[K]> };
/** A column's fault: the column and what is wrong in its value. */
type Fault = { column: string; reason: string };

type RowKind<C extends Columns, Row> = {
  /** The file's name in a person's words. */
  label: string;
  columns: C;
  /** Rules across columns; a column that could not be read is undefined. */
  check: (values: Partial<Values<C>>) => Fault[];
  toRow: (values: Values<C>) => Row;
};

const rowKind = <C extends Columns, Row>(kind: RowKind<C, Row>) => kind;

/** Whether a row's document is valid for its type (digits, CUIT check digit). */
function documentFault(
  type: DocumentType | undefined,
  number: string | undefined,
  column: string,
): Fault[] {
  if (type === undefined || number === undefined) return [];
  const problem = validateDocument(type, number);
  return problem ? [{ column, reason: problem }] : [];
}

const customerColumns = {
  tipo_documento: documentType,
  numero_documento: documentNumber,
  /** A company's (CUIT) business name. */
  apellido: personName,
  /** A company has none. */
  nombre: optionalName,
  fecha_nacimiento: calendarDate,
};

const customers = rowKind({
  label: 'clientes',
  columns: customerColumns,
  check: (row) => {
    const faults = documentFault(row.tipo_documento, row.numero_documento, 'numero_documento');
    if (row.nombre === null && row.tipo_documento !== undefined && row.tipo_documento !== 'CUIT') {
      faults.push({ column: 'nombre', reason: m.firstNameRequired });
    }
    // A typo in the year; a day of slack for the time zones.
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    if (row.fecha_nacimiento !== undefined && row.fecha_nacimiento > tomorrow) {
      faults.push({ column: 'fecha_nacimiento', reason: m.futureBirthDate(row.fecha_nacimiento) });
    }
    return faults;
  },
  toRow: (row) => ({
    documentType: row.tipo_documento,
    documentNumber: row.numero_documento,
    lastName: row.apellido,
    firstName: row.nombre ?? '',
    birthDate: row.fecha_nacimiento,
  }),
});

const supplies = rowKind({
  label: 'suministros',
  columns: {
    numero: supplyNumber,
    servicio: choice(serviceKinds, 'un servicio', ['energía', 'internet', 'servicio social']),
    domicilio: text(200),
    estado: choice(supplyStates, 'un estado de suministro', ['activo', 'baja', 'en trámite']),
    tipo_documento_titular: documentType,
    numero_documento_titular: documentNumber,
  },
  check: (row) =>
    documentFault(
      row.tipo_documento_titular,
      row.numero_documento_titular,
      'numero_documento_titular',
    ),
  toRow: (row) => ({
    number: row.numero,
    service: row.servicio,
    address: row.domicilio,
    state: row.estado,
    holderDocumentType: row.tipo_documento_titular,
    holderDocumentNumber: row.numero_documento_titular,
  }),
});

const invoices = rowKind({
  label: 'facturas',
  columns: {
    numero: invoiceNumber,
    suministro: supplyNumber,
    periodo: period,
    importe: amountCents,
    vencimiento: calendarDate,
    estado: choice(invoiceStates, 'un estado de factura', ['pendiente', 'pagada', 'anulada']),
    /** Billing systems drop it once an invoice is paid; only a pending one is paid with it. */
    codigo_barras: paymentBarcode,
  },
  check: (row) =>
    row.codigo_barras === null && row.estado === 'pendiente'
      ? [{ column: 'codigo_barras', reason: m.barcodeRequired }]
      : [],
  toRow: (row) => ({
    number: row.numero,
    supplyNumber: row.suministro,
    period: row.periodo,
    amountCents: row.importe,
    dueDate: row.vencimiento,
    state: row.estado,
    paymentBarcode: row.codigo_barras,
  }),
});

export const fileKinds = { customers, supplies, invoices } as const;
export type FileKind = keyof typeof fileKinds;
type KindOf<K extends FileKind> = (typeof fileKinds)[K];
export type RowOf<K extends FileKind> = ReturnType<KindOf<K>['toRow']>;
/** What could be read of a refused row, by column. */
export type PartialRowOf<K extends FileKind> = Partial<Values<KindOf<K>['columns']>>;

export type CustomerRow = RowOf<'customers'>;
export type SupplyRow = RowOf<'supplies'>;
export type InvoiceRow = RowOf<'invoices'>;

export function columnsOf(kind: FileKind): string[] {
  return Object.keys(fileKinds[kind].columns);
}

/**
 * One row, its columns by name: the row, or every fault found in it (each naming its column)
 * with what could be read of it.
 */
export function readRow<K extends FileKind>(
  kind: K,
  input: Record<string, string | undefined>,
): { ok: true; row: RowOf<K> } | { ok: false; problems: string[]; partial: PartialRowOf<K> } {
  const spec = fileKinds[kind] as unknown as RowKind<Columns, RowOf<K>>;
  const values: Record<string, unknown> = {};
  const faults: Fault[] = [];
  for (const [column, schema] of Object.entries(spec.columns)) {
    const result = schema.safeParse(input[column] ?? '');
    if (result.success) values[column] = result.data;
    else faults.push({ column, reason: result.error.issues[0]?.message ?? m.required });
  }
  faults.push(...spec.check(values));
  if (faults.length === 0) return { ok: true, row: spec.toRow(values) };
  const problems = faults.map((fault) => m.column(fault.column, fault.reason));
  return { ok: false, problems, partial: values as PartialRowOf<K> };
}

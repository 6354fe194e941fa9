import { z } from 'zod';
import { invoiceStates, serviceKinds, supplyStates } from '../../src/contract/index.js';
import { validateDocument } from '../../src/domain/document.js';
import {
  amountCents,
  calendarDate,
  choice,
  documentNumber,
  documentType,
  invoiceNumber,
  paymentBarcode,
  period,
  personName,
  supplyNumber,
  text,
} from './csv-values.js';
import { importMessages as m } from './messages.js';

/**
 * The three files a billing system exports, one row schema each. Columns are named in Spanish as
 * the cooperative's staff read them; the order of the columns does not matter.
 */

/** The holder's document must be valid for its type (digits, CUIT check digit). */
function checkDocument(
  row: { type: Parameters<typeof validateDocument>[0]; number: string },
  column: string,
  context: z.RefinementCtx,
) {
  const problem = validateDocument(row.type, row.number);
  if (problem) context.addIssue({ code: 'custom', path: [column], message: problem });
}

export const CustomerRow = z
  .object({
    tipo_documento: documentType,
    numero_documento: documentNumber,
    apellido: personName,
    nombre: personName,
    fecha_nacimiento: calendarDate,
  })
  .superRefine((row, context) => {
    checkDocument(
      { type: row.tipo_documento, number: row.numero_documento },
      'numero_documento',
      context,
    );
    // A typo in the year; a day of slack for the time zones.
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    if (row.fecha_nacimiento > tomorrow) {
      const message = m.futureBirthDate(row.fecha_nacimiento);
      context.addIssue({ code: 'custom', path: ['fecha_nacimiento'], message });
    }
  })
  .transform((row) => ({
    documentType: row.tipo_documento,
    documentNumber: row.numero_documento,
    lastName: row.apellido,
    firstName: row.nombre,
    birthDate: row.fecha_nacimiento,
  }));
export type CustomerRow = z.output<typeof CustomerRow>;

export const SupplyRow = z
  .object({
    numero: supplyNumber,
    servicio: choice(serviceKinds, 'un servicio', ['energía', 'internet', 'servicio social']),
    domicilio: text(200),
    estado: choice(supplyStates, 'un estado de suministro', ['activo', 'baja', 'en trámite']),
    tipo_documento_titular: documentType,
    numero_documento_titular: documentNumber,
  })
  .superRefine((row, context) => {
    checkDocument(
      { type: row.tipo_documento_titular, number: row.numero_documento_titular },
      'numero_documento_titular',
      context,
    );
  })
  .transform((row) => ({
    number: row.numero,
    service: row.servicio,
    address: row.domicilio,
    state: row.estado,
    holderDocumentType: row.tipo_documento_titular,
    holderDocumentNumber: row.numero_documento_titular,
  }));
export type SupplyRow = z.output<typeof SupplyRow>;

export const InvoiceRow = z
  .object({
    numero: invoiceNumber,
    suministro: supplyNumber,
    periodo: period,
    importe: amountCents,
    vencimiento: calendarDate,
    estado: choice(invoiceStates, 'un estado de factura', ['pendiente', 'pagada', 'anulada']),
    codigo_barras: paymentBarcode,
  })
  .transform((row) => ({
    number: row.numero,
    supplyNumber: row.suministro,
    period: row.periodo,
    amountCents: row.importe,
    dueDate: row.vencimiento,
    state: row.estado,
    paymentBarcode: row.codigo_barras,
  }));
export type InvoiceRow = z.output<typeof InvoiceRow>;

export const fileKinds = {
  customers: { label: 'clientes', schema: CustomerRow },
  supplies: { label: 'suministros', schema: SupplyRow },
  invoices: { label: 'facturas', schema: InvoiceRow },
} as const;
export type FileKind = keyof typeof fileKinds;

export function columnsOf(kind: FileKind): string[] {
  return Object.keys(fileKinds[kind].schema.in.shape);
}

/** Refusals of one row, each with the column at fault. */
export function rowProblems(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const column = issue.path[0];
    // A missing column is caught with the header; this is a value zod did not get as text.
    const reason = issue.code === 'custom' ? issue.message : m.required;
    return typeof column === 'string' ? m.column(column, reason) : reason;
  });
}

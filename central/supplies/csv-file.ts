import { CsvError, parse } from 'csv-parse/sync';
import { z } from 'zod';
import {
  columnsOf,
  fileKinds,
  readRow,
  type CustomerRow,
  type FileKind,
  type InvoiceRow,
  type PartialRowOf,
  type SupplyRow,
} from './csv-rows.js';
import { documentTypes, normalizeDocumentNumber } from '../../src/domain/document.js';
import { importMessages as m } from './messages.js';

/** A file as the billing system exported it. */
export type MasterDataFile = { name: string; content: Uint8Array | string };

/** Where a row came from, to name it in a report. */
export type RowSource = { file: string; line: number };
export type Sourced<T> = T & { source: RowSource };

/**
 * A refusal: the file, the line (1 is the header) and why, in Spanish. An import's refusals are a
 * plain list of these, in file and line order, whoever shows them (the command line, a page).
 */
export type ImportProblem = RowSource & { reason: string };

export type MasterDataRows = {
  customers: Sourced<CustomerRow>[];
  supplies: Sourced<SupplyRow>[];
  invoices: Sourced<InvoiceRow>[];
};

/** csv-parse's typings do not describe its `info` and `raw` options: its output is checked. */
const CsvRecords = z.array(
  z.object({
    record: z.array(z.string()),
    raw: z.string(),
    info: z.object({ lines: z.number() }),
  }),
);
type CsvRecord = z.output<typeof CsvRecords>[number];
type ParsedFile = { kind: FileKind; rows: Sourced<unknown>[] } | null;

/**
 * What refused rows and files leave unknown, so that rows referring to them are not reported a
 * second time as referring to nothing; and what could be read of the refused supplies and
 * invoices, whose references are checked all the same (a row's faults are reported together).
 */
export type Refused = {
  customers: Set<string>;
  supplies: Set<string>;
  /** A whole file was unreadable: any reference may point into it. */
  wholeFile: boolean;
  supplyRows: Sourced<PartialRowOf<'supplies'>>[];
  invoiceRows: Sourced<PartialRowOf<'invoices'>>[];
};

export const customerKey = (type: string, number: string) => `${type}|${number}`;

/**
 * Reads every file, recognizes each by its header and validates every row, collecting every
 * refusal rather than stopping at the first one: the person who exported the files fixes them
 * all in one go.
 */
export function readMasterDataFiles(files: readonly MasterDataFile[]): {
  rows: MasterDataRows;
  problems: ImportProblem[];
  refused: Refused;
} {
  const rows: MasterDataRows = { customers: [], supplies: [], invoices: [] };
  const problems: ImportProblem[] = [];
  const refused: Refused = {
    customers: new Set(),
    supplies: new Set(),
    wholeFile: false,
    supplyRows: [],
    invoiceRows: [],
  };
  for (const file of files) {
    const parsed = readFile(file, problems, refused);
    if (parsed) (rows[parsed.kind] as Sourced<unknown>[]).push(...parsed.rows);
    else refused.wholeFile = true;
  }
  return { rows, problems, refused };
}

function readFile(file: MasterDataFile, problems: ImportProblem[], refused: Refused): ParsedFile {
  const problem = (line: number, reason: string) => {
    problems.push({ file: file.name, line, reason });
  };
  const refuse = (line: number, reason: string): ParsedFile => {
    problem(line, reason);
    return null;
  };
  const text = decode(file.content);
  if (text === null) return refuse(1, m.notUtf8);

  let records: CsvRecord[];
  try {
    const output: unknown = parse(text, {
      delimiter: delimiterOf(text),
      bom: true,
      info: true,
      raw: true,
      relax_column_count: true,
      skip_empty_lines: true,
    });
    records = CsvRecords.parse(output);
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const line = typeof error.lines === 'number' ? error.lines : 1;
    const reason =
      error.code === 'CSV_QUOTE_NOT_CLOSED' ? m.quoteNotClosed : m.unreadable(error.message);
    return refuse(line, reason);
  }

  const [header, ...body] = records;
  if (!header) return refuse(1, m.empty);
  const headerLine = startLine(header);
  const columns = header.record.map((name) => name.trim().toLowerCase());
  const duplicate = columns.find((name, index) => columns.indexOf(name) !== index);
  if (duplicate !== undefined) return refuse(headerLine, m.duplicateColumn(duplicate));
  const kind = recognize(columns, (reason) => problem(headerLine, reason));
  if (!kind) return null;

  const rows: Sourced<unknown>[] = [];
  for (const { record, raw, info } of body) {
    const line = startLine({ raw, info });
    if (record.length !== columns.length) {
      problem(line, m.columnCount(columns.length, record.length));
      continue;
    }
    const input = Object.fromEntries(columns.map((name, index) => [name, record[index]]));
    const source = { file: file.name, line };
    const result = readRow(kind, input);
    if (result.ok) {
      rows.push({ ...result.row, source });
      continue;
    }
    for (const reason of result.problems) problem(line, reason);
    if (kind === 'customers') {
      refused.customers.add(looseCustomerKey(input.tipo_documento, input.numero_documento));
    }
    if (kind === 'supplies') {
      refused.supplies.add(looseSupplyKey(input.numero));
      refused.supplyRows.push({ ...(result.partial as PartialRowOf<'supplies'>), source });
    }
    if (kind === 'invoices') {
      refused.invoiceRows.push({ ...(result.partial as PartialRowOf<'invoices'>), source });
    }
  }
  return { kind, rows };
}

/** The key a refused row would have had, as near as its raw values tell. */
function looseCustomerKey(type = '', number = ''): string {
  const plain = type.trim().replace(/\./g, '').toLowerCase();
  const known = documentTypes.find((candidate) => candidate.toLowerCase() === plain);
  return customerKey(known ?? type, normalizeDocumentNumber(number));
}

function looseSupplyKey(number = ''): string {
  return number.replace(/[\s.]/g, '');
}

/** Strict UTF-8: an export in Latin-1 would otherwise turn "Peña" into "Pe�a" unnoticed. */
function decode(content: Uint8Array | string): string | null {
  if (typeof content === 'string') return content;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    return null;
  }
}

/**
 * Argentine exports separate with ";" (the comma is the decimal separator), others with ",":
 * the header, which holds no decimals, tells which.
 */
function delimiterOf(text: string): string {
  const end = text.indexOf('\n');
  const firstLine = end === -1 ? text : text.slice(0, end);
  return (firstLine.match(/;/g)?.length ?? 0) >= (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
}

/** csv-parse counts lines up to a record's end; a quoted field may span several lines. */
function startLine({ raw, info }: { raw: string; info: { lines: number } }): number {
  const newlines = raw.replace(/\r?\n$|\r$/, '').match(/\r\n|\r|\n/g)?.length ?? 0;
  return info.lines - newlines;
}

/** The kind whose columns the header has exactly; otherwise says what is missing or extra. */
function recognize(columns: string[], refuse: (reason: string) => void): FileKind | null {
  const kinds = Object.keys(fileKinds) as FileKind[];
  const scored = kinds.map((kind) => {
    const expected = columnsOf(kind);
    const missing = expected.filter((name) => !columns.includes(name));
    const extra = columns.filter((name) => !expected.includes(name));
    return { kind, missing, extra, shared: expected.length - missing.length };
  });
  const exact = scored.find((score) => score.missing.length === 0 && score.extra.length === 0);
  if (exact) return exact.kind;
  const closest = scored.reduce((best, score) => (score.shared > best.shared ? score : best));
  // Sharing only the generic columns (numero, estado) is no sign of which file it was meant to be.
  if (closest.shared <= 2) {
    const expected = kinds
      .map((kind) => `${fileKinds[kind].label}: ${columnsOf(kind).join(';')}`)
      .join(' — ');
    refuse(m.unknownHeader(expected));
  } else {
    refuse(m.headerMismatch(fileKinds[closest.kind].label, closest.missing, closest.extra));
  }
  return null;
}

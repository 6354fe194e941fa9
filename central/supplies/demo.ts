import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CentralDb } from '../db/index.js';
import { defaultSuppliesConfig } from './config.js';
import type { MasterDataFile, MasterDataRows } from './csv-file.js';
import { importMasterData, type ImportSummary } from './import.js';
import { importMessages } from './messages.js';
import { calendarDay } from './store.js';

/** `resources/demo/`: customers, supplies and invoices anyone can type at the kiosk. */
export const defaultDemoDir = fileURLToPath(new URL('../../resources/demo/', import.meta.url));

/** Every `.csv` of a folder, in name order (an import of the folder reads them this way too). */
export async function readCsvFolder(folder: string): Promise<MasterDataFile[]> {
  const names = (await readdir(folder)).filter((name) => name.toLowerCase().endsWith('.csv'));
  names.sort();
  return Promise.all(
    names.map(async (name) => ({ name, content: await readFile(path.join(folder, name)) })),
  );
}

/**
 * Loads the demo master data into a central that has none; a central with any customer keeps
 * what it has. The demo's newest period becomes the current month and every other date moves
 * with it, so the demo always shows an invoice that is due soon and one that is overdue.
 * Returns what it imported, or null when it left the data alone.
 */
export async function seedDemoIfEmpty(
  db: CentralDb,
  { now = new Date(), demoDir = defaultDemoDir }: { now?: Date; demoDir?: string } = {},
): Promise<ImportSummary | null> {
  const any = await db.selectFrom('customers').select('document_number').limit(1).execute();
  if (any.length > 0) return null;
  const month = calendarDay(now, defaultSuppliesConfig.timeZone).slice(0, 7);
  const result = await importMasterData(db, await readCsvFolder(demoDir), {
    now,
    adjust: (rows) => movedTo(rows, month),
  });
  if (!result.ok) {
    const problems = result.problems.map(
      (problem) => `${importMessages.at(problem.file, problem.line)}: ${problem.reason}`,
    );
    throw new Error(`Demo data in ${demoDir} is invalid:\n${problems.join('\n')}`);
  }
  return result.summary;
}

/** The rows with every invoice's period and due date moved so that the newest is `month`. */
export function movedTo(rows: MasterDataRows, month: string): MasterDataRows {
  const newest = rows.invoices.reduce((max, row) => (row.period > max ? row.period : max), '');
  if (newest === '') return rows;
  const months = monthIndex(month) - monthIndex(newest);
  return {
    ...rows,
    invoices: rows.invoices.map((row) => ({
      ...row,
      period: addMonths(`${row.period}-01`, months).slice(0, 7),
      dueDate: addMonths(row.dueDate, months),
    })),
  };
}

function monthIndex(yearMonth: string): number {
  return Number(yearMonth.slice(0, 4)) * 12 + Number(yearMonth.slice(5, 7)) - 1;
}

/** YYYY-MM-DD plus whole months; the 31st becomes the last day of a shorter month. */
export function addMonths(date: string, months: number): string {
  const index = monthIndex(date) + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const day = Math.min(Number(date.slice(8, 10)), lastDay);
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${year}-${pad(month)}-${pad(day)}`;
}

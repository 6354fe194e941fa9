import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { PrintOutcome } from '../contract/index.js';

export type PrintJob = {
  kind: 'coupon' | 'receipt' | 'form' | 'checklist' | 'test';
  /** File name without extension. */
  name: string;
  /** The session's folder, wiped with the session. */
  folder: string;
};

/** Where printed documents go: Electron prints on the kiosk's printer (main/). */
export type Printer = {
  print(pdf: Uint8Array, job: PrintJob): Promise<PrintOutcome>;
};

/**
 * With no printer set, the document is kept as a PDF in the session's folder (wiped with the
 * session), so staff can print it from there and tests can read it.
 */
export const pdfFallbackPrinter: Printer = {
  async print(pdf, job) {
    const fileName = `${job.name}.pdf`;
    await writeFile(path.join(job.folder, fileName), pdf, { mode: 0o600 });
    return { outcome: 'pdf', fileName };
  },
};

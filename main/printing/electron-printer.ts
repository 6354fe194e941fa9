import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BrowserWindow, type Session, type WebContentsPrintOptions } from 'electron';
import type { PrintOutcome } from '../../src/contract/index.js';
import type { PrintJob, Printer } from '../../src/kiosk/printer.js';
import { lockDownSession } from '../lockdown/permissions.js';
import { freshPartition, wipePartition } from '../partitioned-view.js';
import { rollPageSize } from './page-size.js';

export type ElectronPrinterOptions = {
  /** The system name of the receipt printer (`KIOSK_PRINTER`); unset, every job is kept as a PDF. */
  deviceName?: string | undefined;
  /** Where jobs go when there is no printer or printing fails. */
  fallback: Printer;
  log: (message: string, error?: unknown) => void;
  /**
   * Wait after the PDF viewer finished loading: it draws the pages after its own load event, and
   * printing earlier sends blank paper.
   */
  settleMs?: number;
  /** A printer that never answers must not hold the customer's screen. */
  timeoutMs?: number;
};

/** The last job that did not reach the printer, for staff. */
export type PrintFailure = { at: Date; reason: string };

/** The options every silent print uses: the 80 mm roll, no margins, the configured printer. */
export function silentPrintOptions(
  deviceName: string,
  pageSize: { width: number; height: number },
): WebContentsPrintOptions {
  return {
    silent: true,
    deviceName,
    pageSize,
    margins: { marginType: 'none' },
    printBackground: true,
  };
}

/**
 * Prints on the kiosk's receipt printer: the PDF is opened in a hidden window of its own and sent
 * with `webContents.print`, silently. With no printer set, or when printing fails, the job is kept
 * as a PDF in the session's folder, as the plain-Node core does.
 */
export function createElectronPrinter(options: ElectronPrinterOptions) {
  const { deviceName, fallback, log } = options;
  let lastFailure: PrintFailure | null = null;

  async function printOnPaper(pdf: Uint8Array, job: PrintJob, device: string): Promise<void> {
    const pageSize = await rollPageSize(pdf);
    const file = path.join(job.folder, `${job.name}.pdf`);
    await writeFile(file, pdf, { mode: 0o600 });
    // The PDF carries the customer's name and invoice: its own partition, wiped after the job.
    const { session } = freshPartition('print-');
    lockDownSession(session, null);
    const window = new BrowserWindow(printWindowOptions(session));
    try {
      window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
      window.webContents.on('will-navigate', (event) => event.preventDefault());
      await window.loadURL(pathToFileURL(file).toString());
      await delay(options.settleMs ?? 800);
      await withTimeout(
        sendToPrinter(window, silentPrintOptions(device, pageSize)),
        options.timeoutMs ?? 30_000,
      );
    } finally {
      if (!window.isDestroyed()) window.destroy();
      await rm(file, { force: true });
      await wipePartition(session, log);
    }
  }

  const printer: Printer = {
    async print(pdf: Uint8Array, job: PrintJob): Promise<PrintOutcome> {
      if (!deviceName) return fallback.print(pdf, job);
      try {
        await printOnPaper(pdf, job, deviceName);
        lastFailure = null;
        return { outcome: 'printed' };
      } catch (error) {
        lastFailure = { at: new Date(), reason: describe(error) };
        log(`No se pudo imprimir en ${deviceName}; queda como PDF`, error);
        return fallback.print(pdf, job);
      }
    },
  };

  return {
    printer,
    deviceName: deviceName ?? null,
    lastFailure: () => lastFailure,
  };
}

export type ElectronPrinter = ReturnType<typeof createElectronPrinter>;

/** A hidden window that can show a PDF (the viewer is a plugin) and nothing else. */
function printWindowOptions(session: Session): Electron.BrowserWindowConstructorOptions {
  return {
    show: false,
    webPreferences: {
      session,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      plugins: true,
      devTools: false,
      spellcheck: false,
    },
  };
}

function sendToPrinter(window: BrowserWindow, printOptions: WebContentsPrintOptions) {
  return new Promise<void>((resolve, reject) => {
    window.webContents.print(printOptions, (success, failureReason) => {
      if (success) resolve();
      else reject(new Error(`La impresora no aceptó el trabajo: ${failureReason}`));
    });
  });
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error('La impresora no respondió a tiempo')), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

import type { WebContents } from 'electron';
import type { ElectronPrinter } from './printing/electron-printer.js';
import { readPrinterStatus, type PrinterStatus } from './printing/printer-status.js';
import type { AutoUpdates, UpdateStatus } from './updates/auto-update.js';

/**
 * What the shell knows about the kiosk's devices and updates, for the staff health panel and the
 * heartbeat.
 */
export function createShellStatus(deps: {
  printing: ElectronPrinter;
  /** A live page to ask the system's printer list from. */
  contents: () => WebContents | null;
  updates: AutoUpdates | null;
}) {
  return {
    printer(): Promise<PrinterStatus> {
      const contents = deps.contents();
      return readPrinterStatus(
        deps.printing.deviceName,
        () =>
          contents
            ? contents.getPrintersAsync()
            : Promise.reject(new Error('No hay una página abierta para consultar las impresoras')),
        deps.printing.lastFailure(),
      );
    },
    updates(): UpdateStatus | null {
      return deps.updates?.status() ?? null;
    },
  };
}

export type ShellStatus = ReturnType<typeof createShellStatus>;

import type { PrinterInfo } from 'electron';
import type { PrintFailure } from './electron-printer.js';

export type PrinterState =
  'not-configured' | 'missing' | 'ready' | 'printing' | 'stopped' | 'unknown';

/** The receipt printer as staff see it in the health panel. */
export type PrinterStatus = {
  deviceName: string | null;
  state: PrinterState;
  /** Spanish, for staff. */
  message: string;
  /** CUPS' reasons when it gives any (`media-empty-error`, `offline-report`…). */
  reasons: string[];
  lastFailure: PrintFailure | null;
};

/** CUPS' `printer-state` values (RFC 8011 §5.4.11). */
const cupsStates: Record<string, PrinterState> = { '3': 'ready', '4': 'printing', '5': 'stopped' };

const messages: Record<PrinterState, (name: string) => string> = {
  'not-configured': () =>
    'No hay impresora configurada (KIOSK_PRINTER): los comprobantes se guardan como PDF.',
  missing: (name) => `La impresora «${name}» no está conectada o no existe en el sistema.`,
  ready: (name) => `Impresora «${name}» lista.`,
  printing: (name) => `La impresora «${name}» está imprimiendo.`,
  stopped: (name) => `La impresora «${name}» está detenida.`,
  unknown: (name) => `Impresora «${name}» conectada; no informa su estado.`,
};

/** Reads the configured printer's state out of the system's printer list. */
export function describePrinter(
  deviceName: string | null,
  printers: readonly PrinterInfo[],
  lastFailure: PrintFailure | null = null,
): PrinterStatus {
  const status = (state: PrinterState, reasons: string[] = []): PrinterStatus => ({
    deviceName,
    state,
    message: messages[state](deviceName ?? ''),
    reasons,
    lastFailure,
  });
  if (!deviceName) return status('not-configured');
  const found = printers.find((printer) => printer.name === deviceName);
  if (!found) return status('missing');
  // On Linux `options` holds CUPS' attributes as strings; other systems give other keys.
  const options = (found.options ?? {}) as Record<string, string | undefined>;
  const state = cupsStates[options['printer-state'] ?? ''] ?? 'unknown';
  const reasons = (options['printer-state-reasons'] ?? '')
    .split(',')
    .map((reason) => reason.trim())
    .filter((reason) => reason !== '' && reason !== 'none');
  return status(state, reasons);
}

/** The printer's state now; a list that cannot be read counts as a state unknown. */
export async function readPrinterStatus(
  deviceName: string | null,
  listPrinters: () => Promise<PrinterInfo[]>,
  lastFailure: PrintFailure | null,
): Promise<PrinterStatus> {
  if (!deviceName) return describePrinter(null, [], lastFailure);
  try {
    return describePrinter(deviceName, await listPrinters(), lastFailure);
  } catch {
    return {
      ...describePrinter(deviceName, [], lastFailure),
      state: 'unknown',
      message: `No se pudo consultar el estado de la impresora «${deviceName}».`,
    };
  }
}

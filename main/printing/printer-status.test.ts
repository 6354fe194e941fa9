import type { PrinterInfo } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { describePrinter, readPrinterStatus } from './printer-status.js';

vi.mock('electron', () => ({}));

function cups(name: string, state: string, reasons = 'none'): PrinterInfo {
  return {
    name,
    displayName: name,
    description: '',
    options: { 'printer-state': state, 'printer-state-reasons': reasons },
  };
}

describe('describePrinter', () => {
  it('says when no printer is configured', () => {
    expect(describePrinter(null, [cups('TM-T20', '3')])).toMatchObject({
      deviceName: null,
      state: 'not-configured',
      message: expect.stringContaining('KIOSK_PRINTER') as unknown,
    });
  });

  it('says when the configured printer is not in the system', () => {
    expect(describePrinter('TM-T20', [cups('Otra', '3')])).toMatchObject({
      state: 'missing',
      message: 'La impresora «TM-T20» no está conectada o no existe en el sistema.',
    });
  });

  it.each([
    ['3', 'ready', 'Impresora «TM-T20» lista.'],
    ['4', 'printing', 'La impresora «TM-T20» está imprimiendo.'],
    ['5', 'stopped', 'La impresora «TM-T20» está detenida.'],
    ['', 'unknown', 'Impresora «TM-T20» conectada; no informa su estado.'],
  ])('reads CUPS state %s as %s', (cupsState, state, message) => {
    expect(describePrinter('TM-T20', [cups('TM-T20', cupsState)])).toMatchObject({
      state,
      message,
    });
  });

  it("passes on CUPS' reasons and the last failed job", () => {
    const lastFailure = { at: new Date('2026-04-01T10:00:00Z'), reason: 'sin papel' };
    expect(
      describePrinter(
        'TM-T20',
        [cups('TM-T20', '5', 'media-empty-error, offline-report')],
        lastFailure,
      ),
    ).toMatchObject({ reasons: ['media-empty-error', 'offline-report'], lastFailure });
  });
});

describe('readPrinterStatus', () => {
  it('asks the system only when a printer is configured', async () => {
    const list = vi.fn(() => Promise.resolve([cups('TM-T20', '3')]));
    await expect(readPrinterStatus(null, list, null)).resolves.toMatchObject({
      state: 'not-configured',
    });
    expect(list).not.toHaveBeenCalled();
    await expect(readPrinterStatus('TM-T20', list, null)).resolves.toMatchObject({
      state: 'ready',
    });
  });

  it('reports an unknown state when the list cannot be read', async () => {
    await expect(
      readPrinterStatus('TM-T20', () => Promise.reject(new Error('cups caído')), null),
    ).resolves.toMatchObject({
      state: 'unknown',
      message: 'No se pudo consultar el estado de la impresora «TM-T20».',
    });
  });
});

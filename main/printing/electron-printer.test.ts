import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PDFDocument } from '@cantoo/pdf-lib';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Printer, PrintJob } from '../../src/kiosk/printer.js';
import { created, resetFakeElectron } from '../../tests/doubles/fake-electron.js';

vi.mock(
  'electron',
  async () => (await import('../../tests/doubles/fake-electron.js')).fakeElectron,
);

const { createElectronPrinter, silentPrintOptions } = await import('./electron-printer.js');

const mm = (value: number) => (value / 25.4) * 72;

let folder = '';
let pdf: Uint8Array = new Uint8Array();
let job: PrintJob;
const fallback = { print: vi.fn<Printer['print']>() };
const log = vi.fn();

beforeEach(async () => {
  resetFakeElectron();
  vi.clearAllMocks();
  folder = await mkdtemp(path.join(os.tmpdir(), 'ventanilla-print-'));
  job = { kind: 'coupon', name: 'cupon-0003-00011642', folder };
  const document = await PDFDocument.create();
  document.addPage([mm(80), mm(120)]);
  pdf = await document.save();
  fallback.print.mockResolvedValue({ outcome: 'pdf', fileName: `${job.name}.pdf` });
});

afterEach(() => rm(folder, { recursive: true, force: true }));

function printer(deviceName: string | undefined, extra: { timeoutMs?: number } = {}) {
  return createElectronPrinter({ deviceName, fallback, log, settleMs: 0, ...extra });
}

describe('silentPrintOptions', () => {
  it('is silent, to the named printer, on an 80 mm page without margins', () => {
    expect(silentPrintOptions('TM-T20', { width: 80_000, height: 120_000 })).toEqual({
      silent: true,
      deviceName: 'TM-T20',
      pageSize: { width: 80_000, height: 120_000 },
      margins: { marginType: 'none' },
      printBackground: true,
    });
  });
});

describe('createElectronPrinter', () => {
  it('keeps the PDF in the session folder when no printer is set', async () => {
    const { printer: noPrinter, deviceName } = printer(undefined);
    await expect(noPrinter.print(pdf, job)).resolves.toEqual({
      outcome: 'pdf',
      fileName: `${job.name}.pdf`,
    });
    expect(deviceName).toBeNull();
    expect(fallback.print).toHaveBeenCalledWith(pdf, job);
    expect(created.browserWindows).toHaveLength(0);
  });

  it('prints silently on the roll, with the page height taken from the PDF', async () => {
    const kiosk = printer('TM-T20');
    await expect(kiosk.printer.print(pdf, job)).resolves.toEqual({ outcome: 'printed' });

    const [window] = created.browserWindows;
    const file = path.join(folder, `${job.name}.pdf`);
    expect(window?.loadURL).toHaveBeenCalledWith(pathToFileURL(file).toString());
    const [options] = window?.webContents.print.mock.calls[0] ?? [];
    expect(options).toEqual({
      silent: true,
      deviceName: 'TM-T20',
      pageSize: { width: 80_000, height: expect.closeTo(120_000, -1) as unknown },
      margins: { marginType: 'none' },
      printBackground: true,
    });
    expect(fallback.print).not.toHaveBeenCalled();
    expect(kiosk.lastFailure()).toBeNull();
  });

  it('prints from a hidden, sandboxed window in a partition of its own, then wipes it all', async () => {
    await printer('TM-T20').printer.print(pdf, job);
    const [window] = created.browserWindows;
    expect(window?.options).toMatchObject({
      show: false,
      webPreferences: {
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        plugins: true,
      },
    });
    const [session] = created.sessions.values();
    expect(session?.partition).toMatch(/^print-/);
    expect(session?.setPermissionRequestHandler).toHaveBeenCalledOnce();
    expect(window?.options.webPreferences?.session).toBe(session);
    expect(window?.destroy).toHaveBeenCalledOnce();
    expect(session?.clearStorageData).toHaveBeenCalledOnce();
    expect(session?.clearCache).toHaveBeenCalledOnce();
    expect(await readdir(folder)).toEqual([]);
    expect(window?.webContents.windowOpenHandler?.({ url: 'https://x.example/' })).toEqual({
      action: 'deny',
    });
  });

  it('falls back to the PDF, and remembers why, when the printer refuses the job', async () => {
    const kiosk = printer('TM-T20');
    created.onBrowserWindow = (window) =>
      window.webContents.print.mockImplementationOnce((_options, callback) =>
        callback(false, 'Invalid deviceName provided'),
      );
    await expect(kiosk.printer.print(pdf, job)).resolves.toEqual({
      outcome: 'pdf',
      fileName: `${job.name}.pdf`,
    });
    expect(fallback.print).toHaveBeenCalledWith(pdf, job);
    expect(kiosk.lastFailure()?.reason).toContain('Invalid deviceName provided');
    expect(log).toHaveBeenCalledWith(expect.stringContaining('TM-T20'), expect.any(Error));
  });

  it('falls back to the PDF when the printer never answers', async () => {
    const kiosk = printer('TM-T20', { timeoutMs: 20 });
    created.onBrowserWindow = (window) => window.webContents.print.mockImplementationOnce(() => {});
    await expect(kiosk.printer.print(pdf, job)).resolves.toMatchObject({ outcome: 'pdf' });
    expect(kiosk.lastFailure()?.reason).toContain('no respondió');
    expect(created.browserWindows[0]?.destroy).toHaveBeenCalled();
  });

  it('falls back to the PDF when the document cannot be read', async () => {
    const kiosk = printer('TM-T20');
    await expect(kiosk.printer.print(new Uint8Array([1, 2, 3]), job)).resolves.toMatchObject({
      outcome: 'pdf',
    });
    expect(created.browserWindows).toHaveLength(0);
  });
});

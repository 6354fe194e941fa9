import type { WebContents } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import type { ElectronPrinter } from './printing/electron-printer.js';
import { createShellStatus } from './shell-status.js';
import type { AutoUpdates } from './updates/auto-update.js';

vi.mock('electron', () => ({}));

const printing = {
  deviceName: 'TM-T20',
  lastFailure: () => null,
} as unknown as ElectronPrinter;

describe('createShellStatus', () => {
  it("reads the printer's state from the system list through a live page", async () => {
    const contents = {
      getPrintersAsync: vi.fn(() =>
        Promise.resolve([{ name: 'TM-T20', options: { 'printer-state': '3' } }]),
      ),
    } as unknown as WebContents;
    const status = createShellStatus({ printing, contents: () => contents, updates: null });
    await expect(status.printer()).resolves.toMatchObject({ state: 'ready' });
    expect(status.updates()).toBeNull();
  });

  it('says the state is unknown while no page is open', async () => {
    const status = createShellStatus({ printing, contents: () => null, updates: null });
    await expect(status.printer()).resolves.toMatchObject({ state: 'unknown' });
  });

  it("passes the updater's status on", () => {
    const updates = {
      status: () => ({ state: 'waiting', version: '1.2.0' }),
    } as unknown as AutoUpdates;
    const status = createShellStatus({ printing, contents: () => null, updates });
    expect(status.updates()).toMatchObject({ state: 'waiting', version: '1.2.0' });
  });
});

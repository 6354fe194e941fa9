import { describe, expect, it, vi } from 'vitest';
import { readShellConfig } from './shell-config.js';

vi.mock('electron', () => ({}));

describe('readShellConfig', () => {
  it('reads the printer and the update feed from the environment', () => {
    expect(
      readShellConfig({
        KIOSK_PRINTER: ' TM-T20 ',
        KIOSK_UPDATE_URL: 'https://actualizaciones.coop.example/ventanilla',
        KIOSK_UPDATE_CHANNEL: 'beta',
      }),
    ).toEqual({
      printerName: 'TM-T20',
      updateFeedUrl: 'https://actualizaciones.coop.example/ventanilla',
      updateChannel: 'beta',
    });
  });

  it('leaves everything unset when nothing (or blanks) is given', () => {
    const unset = { printerName: undefined, updateFeedUrl: undefined, updateChannel: undefined };
    expect(readShellConfig({})).toEqual(unset);
    expect(readShellConfig({ KIOSK_PRINTER: '', KIOSK_UPDATE_URL: '  ' })).toEqual(unset);
  });

  it.each([
    ['KIOSK_UPDATE_URL', 'ftp://actualizaciones.coop.example/'],
    ['KIOSK_UPDATE_URL', 'no es una url'],
    ['KIOSK_UPDATE_CHANNEL', 'nightly'],
  ])('refuses %s=%s, naming the variable', (name, value) => {
    expect(() => readShellConfig({ [name]: value })).toThrow(name);
  });
});

import { chmodSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../src/testing/use-temp-dir.js';
import { readKioskConfiguration } from './kiosk-config.js';

const example = {
  centralUrl: 'https://central.coop.example',
  printer: 'TM-T20',
  updateFeedUrl: 'https://actualizaciones.coop.example/ventanilla',
  updateChannel: 'beta',
};

describe('readKioskConfiguration', () => {
  const temp = useTempDir('ventanilla-config-');
  const fileWith = (content: unknown) => {
    const file = path.join(temp.dir, 'kiosco.json');
    writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
    return file;
  };
  const packaged = (env: NodeJS.ProcessEnv) => readKioskConfiguration({ env, demoAllowed: false });

  it("reads every key of IT's file", () => {
    expect(packaged({ KIOSK_CONFIG: fileWith(example) })).toEqual({
      state: 'configured',
      settings: {
        centralUrl: 'https://central.coop.example',
        printerName: 'TM-T20',
        updateFeedUrl: 'https://actualizaciones.coop.example/ventanilla',
        updateChannel: 'beta',
      },
    });
  });

  it('lets the environment override each key; blank variables override nothing', () => {
    const config = packaged({
      KIOSK_CONFIG: fileWith(example),
      CENTRAL_URL: 'https://otra-central.coop.example',
      KIOSK_PRINTER: '  ',
      KIOSK_UPDATE_CHANNEL: 'stable',
    });
    expect(config).toMatchObject({
      state: 'configured',
      settings: {
        centralUrl: 'https://otra-central.coop.example',
        printerName: 'TM-T20',
        updateChannel: 'stable',
      },
    });
    // Only the central, from the systemd unit, with no file at all.
    expect(
      packaged({
        KIOSK_CONFIG: path.join(temp.dir, 'no-existe.json'),
        CENTRAL_URL: 'https://central.coop.example',
      }),
    ).toMatchObject({ state: 'configured', settings: { printerName: undefined } });
  });

  it('a packaged kiosk without a file is not configured, never a demo', () => {
    const missing = path.join(temp.dir, 'kiosco.json');
    expect(packaged({ KIOSK_CONFIG: missing })).toEqual({
      state: 'unconfigured',
      file: missing,
      problems: [`No está el archivo ${missing}, que dice a qué central se conecta este kiosco.`],
    });
  });

  it('development without a central runs the demo; a wrong value still stops it', () => {
    const none = { KIOSK_CONFIG: path.join(temp.dir, 'no-existe.json') };
    expect(readKioskConfiguration({ env: none, demoAllowed: true })).toMatchObject({
      state: 'demo',
      settings: { centralUrl: undefined },
    });
    expect(
      readKioskConfiguration({
        env: { ...none, KIOSK_UPDATE_CHANNEL: 'nightly' },
        demoAllowed: true,
      }),
    ).toEqual({
      state: 'unconfigured',
      file: none.KIOSK_CONFIG,
      problems: [
        'updateChannel: tiene que ser "stable" o "beta". (de la variable KIOSK_UPDATE_CHANNEL)',
      ],
    });
  });

  it('says every problem of a file, by key, in words IT can act on', () => {
    const config = packaged({
      KIOSK_CONFIG: fileWith({
        centralUrl: 'ftp://central.coop.example',
        printer: '',
        updateChanel: 'beta',
        updateChannel: 'nightly',
      }),
    });
    expect(config.state).toBe('unconfigured');
    expect(config.state === 'unconfigured' && config.problems.sort()).toEqual(
      [
        'centralUrl: no es una dirección http:// o https:// válida.',
        'printer: está vacío; sacalo si el kiosco no tiene impresora.',
        'updateChannel: tiene que ser "stable" o "beta".',
        'updateChanel: no es una clave del archivo (mirá si está bien escrita).',
      ].sort(),
    );
    expect(packaged({ KIOSK_CONFIG: fileWith({ printer: 'TM-T20' }) })).toMatchObject({
      problems: [expect.stringContaining('centralUrl: falta la dirección de la central')],
    });
    expect(packaged({ KIOSK_CONFIG: fileWith({ centralUrl: 42 }) })).toMatchObject({
      problems: ['centralUrl: tiene que ser una dirección, entre comillas.'],
    });
  });

  it('a file that is not JSON, not an object or not readable says so', () => {
    expect(
      packaged({ KIOSK_CONFIG: fileWith('{ "centralUrl": "https://x.example", }') }),
    ).toMatchObject({
      state: 'unconfigured',
      problems: [expect.stringMatching(/kiosco\.json no es JSON válido/)],
    });
    expect(packaged({ KIOSK_CONFIG: fileWith([example]) })).toMatchObject({
      problems: [expect.stringContaining('tiene que ser un objeto JSON')],
    });
    const file = fileWith(example);
    chmodSync(file, 0o000);
    const unreadable = packaged({ KIOSK_CONFIG: file });
    chmodSync(file, 0o600);
    // Root reads any file: there the permission is no obstacle.
    if (process.getuid?.() !== 0) {
      expect(unreadable).toMatchObject({
        problems: [expect.stringContaining('(EACCES): revisá sus permisos')],
      });
    }
  });
});

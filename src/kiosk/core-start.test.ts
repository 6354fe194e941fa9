import { chmodSync, existsSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDir } from '../testing/use-temp-dir.js';
import { createKioskCore } from './core.js';

/** What a core finds on its disk when it starts, as after a crash or a power cut. */
describe('a kiosk core starting', () => {
  const temp = useTempDir('ventanilla-core-start-');
  const open = () =>
    createKioskCore({
      dataDir: temp.dir,
      // Nothing listens there: the core is only opened and stopped again.
      centralUrl: 'http://127.0.0.1:9',
      host: 'web',
      version: '0.0.0-test',
      log: () => {},
    });

  it('deletes what a crashed visit left in its temporary folder', async () => {
    const left = [
      ['session', 'formulario-lleno.pdf'],
      ['session', 'fotos-dni.pdf'],
      ['test-print', 'prueba.pdf'],
    ];
    for (const [folder = '', file = ''] of left) {
      mkdirSync(path.join(temp.dir, 'tmp', folder), { recursive: true });
      writeFileSync(path.join(temp.dir, 'tmp', folder, file), 'DNI 20345678');
    }
    const core = open();
    try {
      for (const [folder = '', file = ''] of left)
        expect(existsSync(path.join(temp.dir, 'tmp', folder, file)), file).toBe(false);
    } finally {
      await core.stop();
    }
  });

  it('keeps its SQLite file and its -wal and -shm to its own user (0600), even if copied in looser', async () => {
    const previous = process.umask(0o022);
    try {
      let core = open();
      await core.handlers['sync:status'](undefined);
      const file = path.join(temp.dir, 'kiosk.sqlite');
      const modes = () =>
        ['', '-wal', '-shm']
          .filter((suffix) => existsSync(file + suffix))
          .map((suffix) => [suffix, statSync(file + suffix).mode & 0o777]);
      expect(modes().map(([suffix]) => suffix)).toEqual(['', '-wal', '-shm']);
      expect(modes()).toEqual([
        ['', 0o600],
        ['-wal', 0o600],
        ['-shm', 0o600],
      ]);
      expect(statSync(path.join(temp.dir, 'device.key')).mode & 0o777).toBe(0o600);
      await core.stop();

      chmodSync(file, 0o644);
      core = open();
      expect(modes().every(([, mode]) => mode === 0o600)).toBe(true);
      await core.stop();
    } finally {
      process.umask(previous);
    }
  });
});

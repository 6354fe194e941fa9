import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../src/testing/temp-dir.js';

const unitFile = path.resolve('resources/linux/ventanilla.service');
const hasAnalyze = spawnSync('sh', ['-c', 'command -v systemd-analyze']).status === 0;
if (!hasAnalyze) {
  console.warn(
    'Se omite systemd-analyze verify: falta systemd-analyze (paquete systemd de Debian)',
  );
}

/** The [Service] section's settings, as `key=value` lines. */
function serviceSettings(text: string): string[] {
  const section = text.split(/^\[/m).find((part) => part.startsWith('Service]')) ?? '';
  return section
    .split('\n')
    .slice(1)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

/**
 * The systemd unit shipped in the package (`resources/linux/ventanilla.service`): the app's logs
 * go to the journal, not to tty1, and systemd itself finds nothing wrong in it.
 */
describe('the kiosk’s systemd unit', () => {
  const temp = tempDir('ventanilla-unit-');
  afterAll(() => temp.remove());

  it('sends the app’s output and errors to the journal while keeping tty1 for input', () => {
    const settings = serviceSettings(readFileSync(unitFile, 'utf8'));
    expect(settings).toContain('StandardInput=tty');
    expect(settings).toContain('StandardOutput=journal');
    expect(settings).toContain('StandardError=journal');
    expect(settings).toContain('User=kiosco');
  });

  it.skipIf(!hasAnalyze)('passes systemd-analyze verify without a single warning', () => {
    // A root of its own: the system's units, the unit in /etc, and cage where it will be.
    const root = path.join(temp.dir, 'root');
    mkdirSync(path.join(root, 'usr/lib/systemd'), { recursive: true });
    cpSync('/usr/lib/systemd/system', path.join(root, 'usr/lib/systemd/system'), {
      recursive: true,
      verbatimSymlinks: true,
    });
    mkdirSync(path.join(root, 'etc/systemd/system'), { recursive: true });
    cpSync(unitFile, path.join(root, 'etc/systemd/system/ventanilla.service'));
    mkdirSync(path.join(root, 'usr/bin'), { recursive: true });
    writeFileSync(path.join(root, 'usr/bin/cage'), '#!/bin/sh\n');
    chmodSync(path.join(root, 'usr/bin/cage'), 0o755);

    const verify = () =>
      spawnSync(
        'systemd-analyze',
        ['verify', `--root=${root}`, '--man=no', '/etc/systemd/system/ventanilla.service'],
        { encoding: 'utf8' },
      );
    const checked = verify();
    // systemd-analyze exits 0 on an unknown key or a bad value: any output is a failure too.
    expect(`${checked.stdout}${checked.stderr}`).toBe('');
    expect(checked.status).toBe(0);

    // The check does see mistakes: a misspelt setting is reported.
    writeFileSync(
      path.join(root, 'etc/systemd/system/ventanilla.service'),
      readFileSync(unitFile, 'utf8').replace('StandardOutput=journal', 'StandardOutput=jornal'),
    );
    expect(verify().stderr).toContain('jornal');
  });
});

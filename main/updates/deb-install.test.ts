import type { SpawnSyncReturns } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { installDebsThroughWrapper, installWrapperPath, type DebInstaller } from './deb-install.js';

const answer = (status: number, stderr = ''): SpawnSyncReturns<string> => ({
  pid: 1,
  output: [],
  stdout: '',
  stderr,
  status,
  signal: null,
});

describe('installing a downloaded deb', () => {
  it('goes through the package’s installer with sudo -n, never through bash -c', () => {
    const updater: DebInstaller = { installWithCommandRunner: vi.fn() };
    const run = vi.fn(() => answer(0));
    installDebsThroughWrapper(
      updater,
      () => 'beta',
      run,
      () => false,
    );
    const bashRunner = vi.fn();
    updater.installWithCommandRunner(
      'dpkg',
      '/home/kiosco/.cache/x/pending/u.deb',
      bashRunner,
      console,
    );
    expect(run).toHaveBeenCalledWith('sudo', [
      '-n',
      installWrapperPath,
      '/home/kiosco/.cache/x/pending/u.deb',
      'beta',
    ]);
    expect(bashRunner).not.toHaveBeenCalled();
  });

  it('runs the installer itself when already root, and reports its refusal as the error', () => {
    const updater: DebInstaller = { installWithCommandRunner: vi.fn() };
    const run = vi.fn(() =>
      answer(
        1,
        'ventanilla-install-update: la versión 1.1.0 no es más nueva que la instalada (1.2.0).\n',
      ),
    );
    installDebsThroughWrapper(
      updater,
      () => 'stable',
      run,
      () => true,
    );
    expect(() => updater.installWithCommandRunner('dpkg', '/tmp/u.deb', vi.fn(), console)).toThrow(
      /no es más nueva que la instalada/,
    );
    expect(run).toHaveBeenCalledWith(installWrapperPath, ['/tmp/u.deb', 'stable']);
  });

  it('names the wrapper the sudoers drop-in allows', () => {
    expect(readFileSync('resources/linux/sudoers', 'utf8')).toContain(
      `NOPASSWD: ${installWrapperPath}\n`,
    );
  });
});

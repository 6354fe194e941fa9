import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import type { DebUpdater } from 'electron-updater';
import type { UpdateChannel } from './channels.js';

/**
 * Where the package puts the installer that sudoers lets the kiosk user run as root
 * (`resources/linux/ventanilla-install-update`, shipped with `extraResource`).
 */
export const installWrapperPath = '/usr/lib/ventanilla/resources/linux/ventanilla-install-update';

/** The part of electron-updater's `DebUpdater` class that installs a downloaded deb. */
export type DebInstaller = Pick<typeof DebUpdater, 'installWithCommandRunner'>;

type Run = (command: string, args: string[]) => SpawnSyncReturns<string>;

/**
 * electron-updater installs a deb with `sudo /bin/bash -c 'dpkg -i …'`, which needs a sudoers
 * rule that makes the kiosk user root. Instead, the downloaded file goes to the package's own
 * installer (`sudo -n`, no password prompt on a kiosk), which checks it is a newer Ventanilla deb
 * with the SHA-512 the channel's feed announces; its refusal is the update's error.
 */
export function installDebsThroughWrapper(
  debUpdater: DebInstaller,
  channel: () => UpdateChannel,
  run: Run = (command, args) => spawnSync(command, args, { encoding: 'utf8' }),
  isRoot: () => boolean = () => process.getuid?.() === 0,
): void {
  debUpdater.installWithCommandRunner = (_packageManager, installerPath) => {
    const args = [installWrapperPath, installerPath, channel()];
    const result = isRoot() ? run(args[0]!, args.slice(1)) : run('sudo', ['-n', ...args]);
    if (result.error) throw result.error;
    if (result.status !== 0) {
      throw new Error(result.stderr.trim() || `${installWrapperPath} terminó con ${result.status}`);
    }
  };
}

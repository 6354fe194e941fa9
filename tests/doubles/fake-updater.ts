import { EventEmitter } from 'node:events';
import type { UpdateInfo } from 'electron-updater';
import { vi } from 'vitest';

/**
 * electron-updater's `autoUpdater` as far as the kiosk uses it, for unit tests. Like the real one,
 * setting `channel` turns downgrades on.
 */
export class FakeUpdater extends EventEmitter {
  autoDownload = false;
  autoInstallOnAppQuit = true;
  allowDowngrade = false;
  #channel: string | null = null;
  isUserWithinRollout: (info: UpdateInfo) => boolean | Promise<boolean> = () => true;
  readonly setFeedURL = vi.fn();
  readonly checkForUpdates = vi.fn(() => Promise.resolve(null));
  readonly quitAndInstall = vi.fn();

  get channel(): string | null {
    return this.#channel;
  }

  set channel(value: string | null) {
    this.#channel = value;
    this.allowDowngrade = true;
  }
}

import type { UpdateInfo } from 'electron-updater';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startAutoUpdates, type AutoUpdateOptions, type Updater } from './auto-update.js';
import { FakeUpdater } from '../../tests/doubles/fake-updater.js';
import { isWithinRollout } from './staging.js';

vi.mock('electron', () => ({}));

let updater: FakeUpdater;
let present = false;
const log = vi.fn();

let running: ReturnType<typeof startAutoUpdates> | undefined;

function start(options: Partial<AutoUpdateOptions> = {}) {
  running = startAutoUpdates(updater as unknown as Updater, {
    kioskId: () => 'kiosk-0001',
    customerPresent: () => Promise.resolve(present),
    log,
    firstCheckMs: 1_000,
    checkEveryMs: 3_600_000,
    retryInstallMs: 60_000,
    ...options,
  });
  return running;
}

const info = (version: string, stagingPercentage?: number) =>
  ({ version, files: [], path: '', sha512: '', releaseDate: '', stagingPercentage }) as UpdateInfo;

/** electron-updater finished downloading `version`. */
function downloaded(version: string): void {
  updater.emit('update-downloaded', {
    ...info(version),
    downloadedFile: `/tmp/ventanilla_${version}_amd64.deb`,
  });
}

describe('startAutoUpdates', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.clearAllMocks();
    updater = new FakeUpdater();
    present = false;
  });

  afterEach(() => {
    running?.stop();
    vi.useRealTimers();
  });

  it('downloads in the background and installs only through the gate', () => {
    start();
    expect(updater.autoDownload).toBe(true);
    expect(updater.autoInstallOnAppQuit).toBe(false);
  });

  it('reads the feed and channel from the settings, without turning downgrades on', () => {
    start({ feedUrl: 'https://actualizaciones.coop.example/ventanilla', channel: 'beta' });
    expect(updater.setFeedURL).toHaveBeenCalledWith({
      provider: 'generic',
      url: 'https://actualizaciones.coop.example/ventanilla',
    });
    expect(updater.channel).toBe('beta');
    expect(updater.allowDowngrade).toBe(false);
  });

  it('keeps the packaged feed when no override is set; stable is electron-updater\'s "latest"', () => {
    start({ channel: 'stable' });
    expect(updater.setFeedURL).not.toHaveBeenCalled();
    expect(updater.channel).toBe('latest');
  });

  it('follows the channel IT sets on the central: the new feed checked at once, never a downgrade', () => {
    const updates = start({ channel: 'stable' });
    updates.setChannel('stable');
    expect(updater.checkForUpdates).not.toHaveBeenCalled();
    updates.setChannel('beta');
    expect(updater.channel).toBe('beta');
    expect(updater.allowDowngrade).toBe(false);
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(1);
    expect(updates.status().channel).toBe('beta');
    updates.setChannel('beta');
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(1);
    updates.setChannel('stable');
    expect(updater.channel).toBe('latest');
    expect(updater.allowDowngrade).toBe(false);
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(2);
  });

  it("decides staging on the kiosk's id, not on electron-updater's own id file", async () => {
    start();
    for (const version of ['1.2.0', '1.3.0', '2.0.0']) {
      await expect(Promise.resolve(updater.isUserWithinRollout(info(version, 20)))).resolves.toBe(
        isWithinRollout('kiosk-0001', version, 20),
      );
    }
    await expect(Promise.resolve(updater.isUserWithinRollout(info('1.2.0')))).resolves.toBe(true);
  });

  it('checks shortly after start and then every hour', async () => {
    const updates = start();
    expect(updater.checkForUpdates).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(2);
    expect(updates.status().lastCheckAt).toBeInstanceOf(Date);
    updates.stop();
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(updater.checkForUpdates).toHaveBeenCalledTimes(2);
  });

  it('installs a downloaded update at once when nobody is at the kiosk, silently and restarting', async () => {
    const updates = start();
    updater.emit('update-available', info('1.2.0'));
    expect(updates.status()).toMatchObject({ state: 'downloading', version: '1.2.0' });
    downloaded('1.2.0');
    await vi.waitFor(() => expect(updater.quitAndInstall).toHaveBeenCalledWith(true, true));
    expect(updates.status().state).toBe('installing');
  });

  it('waits while a customer is at the kiosk and installs when the visit ends', async () => {
    present = true;
    const updates = start();
    downloaded('1.2.0');
    await vi.advanceTimersByTimeAsync(180_000);
    expect(updater.quitAndInstall).not.toHaveBeenCalled();
    expect(updates.status()).toMatchObject({ state: 'waiting', version: '1.2.0' });

    present = false;
    await updates.customerLeft();
    expect(updater.quitAndInstall).toHaveBeenCalledOnce();
  });

  it('a failed install is logged and the running version keeps working', async () => {
    const updates = start();
    updater.quitAndInstall.mockImplementationOnce(() => {
      // What electron-updater does when dpkg or sudo fails: it reports, and does not quit.
      updater.emit('error', new Error('sudo: a password is required'));
    });
    downloaded('1.2.0');
    await vi.waitFor(() => expect(updater.quitAndInstall).toHaveBeenCalledOnce());
    expect(updates.status()).toMatchObject({
      state: 'failed',
      lastError: 'sudo: a password is required',
    });
    expect(log).toHaveBeenCalledWith(
      expect.stringContaining('sigue la versión actual'),
      expect.any(Error),
    );

    // The next check finds the download again and tries once more.
    downloaded('1.2.0');
    await vi.waitFor(() => expect(updater.quitAndInstall).toHaveBeenCalledTimes(2));
  });

  it('survives a feed that cannot be reached', async () => {
    updater.checkForUpdates.mockRejectedValueOnce(new Error('getaddrinfo ENOTFOUND'));
    const updates = start();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(updates.status().lastError).toBe('getaddrinfo ENOTFOUND');
    expect(log).toHaveBeenCalledWith(expect.stringContaining('servidor'), expect.any(Error));
    updater.emit('error', new Error('HttpError: 404'));
    expect(updates.status()).toMatchObject({ state: 'failed', lastError: 'HttpError: 404' });
  });

  it('keeps a downloaded update waiting through a later failed check', async () => {
    present = true;
    const updates = start();
    downloaded('1.2.0');
    await vi.advanceTimersByTimeAsync(0);
    updater.emit('error', new Error('HttpError: 503'));
    expect(updates.status()).toMatchObject({ state: 'waiting', version: '1.2.0' });
  });
});

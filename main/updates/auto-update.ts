import type { AppUpdater } from 'electron-updater';
import { feedChannelName, type UpdateChannel } from './channels.js';
import { createInstallGate } from './install-gate.js';
import { isWithinRollout } from './staging.js';

/** The part of electron-updater's `autoUpdater` the kiosk drives. */
export type Updater = Pick<
  AppUpdater,
  | 'autoDownload'
  | 'autoInstallOnAppQuit'
  | 'allowDowngrade'
  | 'channel'
  | 'isUserWithinRollout'
  | 'setFeedURL'
  | 'checkForUpdates'
  | 'quitAndInstall'
  | 'on'
>;

export type AutoUpdateOptions = {
  /** Overrides the feed written into `resources/app-update.yml` at packaging. */
  feedUrl?: string | undefined;
  channel?: UpdateChannel | undefined;
  /** The staging group is keyed on it (see staging.ts). */
  kioskId: () => string;
  customerPresent: () => Promise<boolean>;
  log: (message: string, error?: unknown) => void;
  /** The first check waits for the kiosk to settle after start-up. */
  firstCheckMs?: number;
  checkEveryMs?: number;
  /** How often to ask again whether the kiosk is free, while an update waits. */
  retryInstallMs?: number;
};

export type UpdateState = 'idle' | 'checking' | 'downloading' | 'waiting' | 'installing' | 'failed';

/** What staff and the heartbeat report about updates. */
export type UpdateStatus = {
  state: UpdateState;
  channel: UpdateChannel | null;
  /** The version being downloaded, waiting or installing. */
  version: string | null;
  lastCheckAt: Date | null;
  lastError: string | null;
};

/**
 * Background updates from the cooperative's generic feed: checked at start and every hour,
 * downloaded at once, installed only when nobody is at the kiosk. Any error (feed down, bad
 * download, failed install) is logged and the running version keeps working.
 */
export function startAutoUpdates(updater: Updater, options: AutoUpdateOptions) {
  const { log } = options;
  const status: UpdateStatus = {
    state: 'idle',
    channel: options.channel ?? null,
    version: null,
    lastCheckAt: null,
    lastError: null,
  };

  updater.autoDownload = true;
  // Installs happen through the gate only, never as a side effect of some other quit.
  updater.autoInstallOnAppQuit = false;
  if (options.feedUrl) updater.setFeedURL({ provider: 'generic', url: options.feedUrl });
  if (options.channel) updater.channel = feedChannelName(options.channel);
  // Setting a channel turns downgrades on; a kiosk moved from beta to stable waits instead.
  updater.allowDowngrade = false;
  updater.isUserWithinRollout = (info) =>
    isWithinRollout(options.kioskId(), info.version, info.stagingPercentage);

  const gate = createInstallGate({
    customerPresent: options.customerPresent,
    // Silent, and start the new version once installed.
    install: () => {
      status.state = 'installing';
      updater.quitAndInstall(true, true);
    },
    retryMs: options.retryInstallMs,
    log,
  });

  updater.on('update-available', (info) => {
    status.state = 'downloading';
    status.version = info.version;
  });
  updater.on('update-not-available', () => {
    if (gate.pendingVersion() === null) status.state = 'idle';
  });
  updater.on('update-downloaded', (event) => {
    status.state = 'waiting';
    status.version = event.version;
    void gate.updateReady(event.version);
  });
  updater.on('error', (error) => {
    status.lastError = error.message;
    log('Actualización automática: error; sigue la versión actual', error);
    if (gate.state() === 'installing') {
      gate.installFailed(error);
      status.state = 'failed';
    } else if (gate.pendingVersion() === null) {
      status.state = 'failed';
    }
  });

  function check(): void {
    if (gate.state() === 'installing') return;
    status.lastCheckAt = new Date();
    if (gate.pendingVersion() === null) status.state = 'checking';
    updater.checkForUpdates().catch((error: unknown) => {
      // electron-updater also emits 'error' for most of these; this catches the rest.
      status.lastError = error instanceof Error ? error.message : String(error);
      log('No se pudo consultar el servidor de actualizaciones', error);
    });
  }

  const first = setTimeout(check, options.firstCheckMs ?? 30_000);
  const every = setInterval(check, options.checkEveryMs ?? 60 * 60_000);
  first.unref();
  every.unref();

  return {
    status: (): UpdateStatus => ({ ...status }),
    checkNow: check,
    /**
     * IT moved this kiosk to another channel on the central (it arrives with each heartbeat):
     * the next check reads that channel's feed at once. Never a downgrade: a kiosk moved from
     * beta back to stable keeps its version until stable passes it.
     */
    setChannel(channel: UpdateChannel): void {
      if (status.channel === channel) return;
      log(`Canal de actualizaciones: ${channel} (lo eligió Sistemas en la central)`);
      status.channel = channel;
      updater.channel = feedChannelName(channel);
      updater.allowDowngrade = false;
      check();
    },
    /** A visit ended: install now if an update is waiting. */
    customerLeft: (): Promise<void> => gate.customerLeft(),
    stop(): void {
      clearTimeout(first);
      clearInterval(every);
      gate.stop();
    },
  };
}

export type AutoUpdates = ReturnType<typeof startAutoUpdates>;

import path from 'node:path';
import { BaseWindow, Menu, app, ipcMain } from 'electron';
import { DebUpdater, autoUpdater } from 'electron-updater';
import type { KioskUnconfigured } from '../src/contract/index.js';
import { createKioskCore } from '../src/kiosk/core.js';
import type { KioskHandlers } from '../src/kiosk/dispatch.js';
import { pdfFallbackPrinter } from '../src/kiosk/printer.js';
import { registerAppScheme, serveRenderer } from './app-protocol.js';
import { preloadBundle } from './build-entries.js';
import { createCustomerPresence, presenceObserver } from './customer-presence.js';
import { createCustomerViews, paymentsViewOf, type CustomerViews } from './customer-views.js';
import { electronKeyring, shellDevices } from './fleet-adapters.js';
import { isAppFrame, registerKioskApi } from './ipc.js';
import { leaveKioskMode } from './kiosk-mode.js';
import { observeKioskHandlers } from '../src/kiosk/observed-handlers.js';
import { createElectronPrinter } from './printing/electron-printer.js';
import { readKioskConfiguration } from './kiosk-config.js';
import { unconfiguredHandlers } from './unconfigured-kiosk.js';
import { createShellStatus, type ShellStatus } from './shell-status.js';
import { startAutoUpdates, type AutoUpdates } from './updates/auto-update.js';
import { installDebsThroughWrapper } from './updates/deb-install.js';
import { APP_ENTRY_URL, APP_ORIGIN, kioskWindowOptions } from './window.js';

type Cleanup = { readonly what: string; readonly run: () => unknown };

const devServerUrl = MAIN_WINDOW_VITE_DEV_SERVER_URL;
const appOrigin = devServerUrl ?? APP_ORIGIN;

/** Undone in reverse order on quit, including after a start that failed halfway. */
const cleanups: Cleanup[] = [];
let quitting: Promise<void> | null = null;
let readyToQuit = false;

/** To the journal: systemd keeps the kiosk's stdout and stderr. */
function log(context: string, error?: unknown): void {
  if (error === undefined) console.log(`[ventanilla] ${context}`);
  else console.error(`[ventanilla] ${context}:`, error);
}

/**
 * The demo's central, for `npm start` without one. Only a development build has it: in the
 * packaged bundle `KIOSK_DEMO_CENTRAL` is false, so neither this import nor the central's code
 * and dependencies are there (tests/packaging/main-bundle.test.ts).
 */
async function demoCentralUrl(userData: string): Promise<string> {
  if (KIOSK_DEMO_CENTRAL) {
    const { startEmbeddedCentral } = await import('./embedded-central.js');
    const central = await startEmbeddedCentral(userData);
    cleanups.push({ what: 'central close', run: () => central.close() });
    return central.url;
  }
  throw new Error('Este armado del kiosco no tiene central de demostración.');
}

/** The one kiosk window, with the app in a customer's partition. */
function openKioskWindow(onInput: () => void) {
  const window = new BaseWindow(kioskWindowOptions());
  const views = createCustomerViews({
    window,
    preloadPath: path.join(import.meta.dirname, preloadBundle),
    entryUrl: devServerUrl ?? APP_ENTRY_URL,
    appOrigin,
    devTools: devServerUrl !== undefined,
    ...(devServerUrl === undefined && {
      serveApp: (session) =>
        serveRenderer(
          path.join(import.meta.dirname, '..', 'renderer', MAIN_WINDOW_VITE_NAME),
          session.protocol,
        ),
    }),
    onInput,
    log,
  });
  cleanups.push({ what: 'customer views', run: () => views.close() });
  return { window, views };
}

function serveKioskApi(handlers: KioskHandlers): void {
  const unregister = registerKioskApi(
    ipcMain,
    handlers,
    (frame) => isAppFrame(frame, appOrigin),
    ({ method, error }) => log(method, error),
  );
  cleanups.push({ what: 'kiosk API', run: unregister });
}

/** Nothing IT configured: one screen says what is missing; no core, no central, no customer. */
async function startUnconfigured(unconfigured: KioskUnconfigured): Promise<void> {
  log(
    `Este kiosco todavía no está configurado (${unconfigured.file}): ${unconfigured.problems.join(' ')}`,
  );
  const { views } = openKioskWindow(() => {});
  serveKioskApi(unconfiguredHandlers(app.getVersion(), unconfigured));
  await views.newCustomer();
}

async function start(): Promise<void> {
  // The default menu carries accelerators (reload, zoom, developer tools, quit) even when hidden.
  Menu.setApplicationMenu(null);
  const configuration = readKioskConfiguration({
    env: process.env,
    demoAllowed: KIOSK_DEMO_CENTRAL && !app.isPackaged,
  });
  if (configuration.state === 'unconfigured') return startUnconfigured(configuration);
  const config = configuration.settings;
  const userData = app.getPath('userData');
  const printing = createElectronPrinter({
    deviceName: config.printerName,
    fallback: pdfFallbackPrinter,
    log,
  });
  // The printer's state needs a live page: known once the window exists.
  let shellStatus: ShellStatus | null = null;
  let kioskWindow: BaseWindow | null = null;
  let customerViews: CustomerViews | null = null;
  let updates: AutoUpdates | null = null;
  const core = createKioskCore({
    dataDir: userData,
    centralUrl: config.centralUrl ?? (await demoCentralUrl(userData)),
    host: 'electron',
    version: app.getVersion(),
    printer: printing.printer,
    // The device key and the credential: a systemd credential, else the keyring, else files.
    keyring: electronKeyring(),
    devices: shellDevices(() => shellStatus),
    // A kiosk against the cooperative's central opens on the setup screen until IT enrols it; the
    // embedded central of a demo does not ask kiosks for a credential and has nobody to give one.
    requireEnrolment: configuration.state === 'configured',
    leaveKioskMode: () => Promise.resolve(kioskWindow !== null && leaveKioskMode(kioskWindow)),
    paymentsView: paymentsViewOf(() => customerViews),
    // Known once the updater runs (packaged kiosks only); a beat before that is simply missed.
    onUpdateChannel: (channel) => updates?.setChannel(channel),
    log,
  });
  cleanups.push({ what: 'kiosk core stop', run: () => core.stop() });

  const presence = createCustomerPresence({
    signedIn: async () => (await core.handlers['session:current'](undefined)) !== null,
  });
  const { window, views } = openKioskWindow(() => presence.activity());
  kioskWindow = window;
  customerViews = views;

  // Only a packaged kiosk has the app-update.yml that electron-updater needs.
  updates = app.isPackaged
    ? startAutoUpdates(autoUpdater, {
        feedUrl: config.updateFeedUrl,
        channel: config.updateChannel,
        kioskId: () => core.kioskId,
        customerPresent: () => presence.isPresent(),
        log,
      })
    : null;
  if (updates) cleanups.push({ what: 'updates', run: () => updates.stop() });
  // Installed by the package's checking installer, the only command sudoers allows.
  installDebsThroughWrapper(DebUpdater, () => updates?.status().channel ?? 'stable');

  const visitEnded = (): void => {
    views
      .newCustomer()
      .then(() => updates?.customerLeft())
      .catch((error: unknown) => log('Cambio de cliente', error));
  };
  serveKioskApi(observeKioskHandlers(core.handlers, presenceObserver(presence, visitEnded)));
  core.start();

  await views.newCustomer();
  const status = createShellStatus({ printing, contents: views.appContents, updates });
  shellStatus = status;
  log((await status.printer()).message);
}

async function stop(): Promise<void> {
  for (let cleanup = cleanups.pop(); cleanup !== undefined; cleanup = cleanups.pop()) {
    try {
      await cleanup.run();
    } catch (error) {
      log(cleanup.what, error);
    }
  }
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // Every renderer sandboxed, whatever a window's own options say.
  app.enableSandbox();
  registerAppScheme();

  // A safety net under every page the shell creates: no pop-ups, no webviews.
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });

  app.on('window-all-closed', () => app.quit());

  app.on('will-quit', (event) => {
    if (readyToQuit) return;
    event.preventDefault();
    quitting ??= stop().finally(() => {
      readyToQuit = true;
      app.quit();
    });
  });

  app
    .whenReady()
    .then(start)
    .catch(async (error: unknown) => {
      log('startup', error);
      await stop();
      app.exit(1);
    });
}

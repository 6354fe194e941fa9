import path from 'node:path';
import { BrowserWindow, app, ipcMain } from 'electron';
import { createKioskCore } from '../src/kiosk/core.js';
import { registerAppScheme, serveRenderer } from './app-protocol.js';
import { preloadBundle } from './build-entries.js';
import { startEmbeddedCentral } from './embedded-central.js';
import { isAppFrame, registerKioskApi } from './ipc.js';
import { APP_ENTRY_URL, APP_ORIGIN, kioskWindowOptions } from './window.js';

type Cleanup = { readonly what: string; readonly run: () => unknown };

const devServerUrl = MAIN_WINDOW_VITE_DEV_SERVER_URL;
const appOrigin = devServerUrl ?? APP_ORIGIN;

/** Undone in reverse order on quit, including after a start that failed halfway. */
const cleanups: Cleanup[] = [];
let quitting: Promise<void> | null = null;
let readyToQuit = false;

function logError(context: string, error: unknown): void {
  console.error(`[ventanilla] ${context}:`, error);
}

async function centralUrl(userData: string): Promise<string> {
  if (process.env.CENTRAL_URL) return process.env.CENTRAL_URL;
  const central = await startEmbeddedCentral(userData);
  cleanups.push({ what: 'central close', run: () => central.close() });
  return central.url;
}

async function start(): Promise<void> {
  const userData = app.getPath('userData');
  const core = createKioskCore({
    dataDir: userData,
    centralUrl: await centralUrl(userData),
    host: 'electron',
    version: app.getVersion(),
    log: (message, error) => logError(message, error),
  });
  cleanups.push({ what: 'kiosk core stop', run: () => core.stop() });
  const unregisterApi = registerKioskApi(
    ipcMain,
    core.handlers,
    (frame) => isAppFrame(frame, appOrigin),
    ({ method, error }) => logError(method, error),
  );
  cleanups.push({ what: 'kiosk API', run: unregisterApi });
  core.start();

  if (devServerUrl === undefined) {
    serveRenderer(path.join(import.meta.dirname, '..', 'renderer', MAIN_WINDOW_VITE_NAME));
  }
  const window = new BrowserWindow(
    kioskWindowOptions(path.join(import.meta.dirname, preloadBundle), {
      devTools: devServerUrl !== undefined,
    }),
  );
  await window.loadURL(devServerUrl ?? APP_ENTRY_URL);
}

async function stop(): Promise<void> {
  for (let cleanup = cleanups.pop(); cleanup !== undefined; cleanup = cleanups.pop()) {
    try {
      await cleanup.run();
    } catch (error) {
      logError(cleanup.what, error);
    }
  }
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  registerAppScheme();

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
      logError('startup', error);
      await stop();
      app.exit(1);
    });
}

import type { BaseWindowConstructorOptions, WebPreferences } from 'electron';

/** The packaged renderer is served from this origin, never from file://. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'ventanilla';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

export const KIOSK_BACKGROUND = '#ffffff';

/** Customer partitions: no `persist:` prefix, so Chromium keeps them in memory only. */
export const CUSTOMER_PARTITION_PREFIX = 'kiosk-';
export const PAYMENTS_PARTITION_PREFIX = 'payments-';

export type KioskViewOptions = {
  /** Only while developing: a customer must never reach the developer tools. */
  devTools?: boolean;
};

/**
 * The one window of the kiosk. It holds no page of its own: each customer gets a view in a fresh
 * partition (main/customer-views.ts), because a window's partition cannot change once created.
 */
export function kioskWindowOptions(): BaseWindowConstructorOptions {
  return {
    title: 'Ventanilla',
    fullscreen: true,
    kiosk: true,
    frame: false,
    autoHideMenuBar: true,
    backgroundColor: KIOSK_BACKGROUND,
  };
}

/** Settings shared by every page the kiosk shows: the items of Electron's security checklist. */
function lockedPreferences(partition: string): WebPreferences {
  return {
    partition,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInSubFrames: false,
    nodeIntegrationInWorker: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    plugins: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    devTools: false,
  };
}

/** The kiosk app itself, in the customer's partition, with the preload that exposes window.kiosk. */
export function appViewPreferences(
  preloadPath: string,
  partition: string,
  { devTools = false }: KioskViewOptions = {},
): WebPreferences {
  return { ...lockedPreferences(partition), preload: preloadPath, devTools };
}

/** The cooperative's payments site: no preload, so it gets no window.kiosk at all. */
export function paymentsViewPreferences(partition: string): WebPreferences {
  return lockedPreferences(partition);
}

import type { BrowserWindowConstructorOptions } from 'electron';

/** The packaged renderer is served from this origin, never from file://. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'ventanilla';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

export const KIOSK_BACKGROUND = '#ffffff';

export type KioskWindowOptions = {
  /** Only while developing: a customer must never reach the developer tools. */
  devTools?: boolean;
};

export function kioskWindowOptions(
  preloadPath: string,
  { devTools = false }: KioskWindowOptions = {},
): BrowserWindowConstructorOptions {
  return {
    title: 'Ventanilla',
    fullscreen: true,
    kiosk: true,
    autoHideMenuBar: true,
    backgroundColor: KIOSK_BACKGROUND,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      devTools,
    },
  };
}

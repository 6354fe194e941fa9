import type { BaseWindow } from 'electron';

/**
 * "Salir del modo kiosco" for signed-in staff: the window leaves kiosk and full-screen mode, so a
 * technician reaches the desktop the operating system gives (under cage, none: the app is alone).
 * The shortcuts stay blocked and the page stays locked down; only the window changes.
 */
export function leaveKioskMode(window: BaseWindow): boolean {
  if (window.isDestroyed()) return false;
  window.setKiosk(false);
  window.setFullScreen(false);
  return !window.isKiosk() && !window.isFullScreen();
}

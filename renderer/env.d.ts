import type { WindowKiosk } from '../src/contract/window-kiosk.js';

declare global {
  interface Window {
    kiosk: WindowKiosk;
  }
}

export {};

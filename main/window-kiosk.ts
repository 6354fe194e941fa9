import { kioskMethods } from '../src/contract/kiosk-methods.js';
import type { KioskMethod } from '../src/contract/kiosk-api.js';
import type { WindowKiosk } from '../src/contract/window-kiosk.js';

export type KioskInvoke = (method: KioskMethod, input: unknown) => Promise<unknown>;

/**
 * window.kiosk: one function per method of the kiosk API, each bound to its own channel. The page
 * gets no way to name a channel itself.
 */
export function buildWindowKiosk(invoke: KioskInvoke): WindowKiosk {
  const api: Partial<Record<KioskMethod, (input: unknown) => Promise<unknown>>> = {};
  for (const method of kioskMethods) {
    api[method] = (input: unknown) => invoke(method, input);
  }
  return Object.freeze(api) as WindowKiosk;
}

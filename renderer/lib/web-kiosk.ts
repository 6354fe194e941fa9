import type { Envelope } from '../../src/contract/errors.js';
import { kioskMethods } from '../../src/contract/kiosk-methods.js';
import type { WindowKiosk } from '../../src/contract/window-kiosk.js';

const prefix = './kiosk-api/';

/** window.kiosk for a plain browser: the same method map, POSTed to the web host on loopback. */
export function installWebKiosk() {
  if ('kiosk' in window && window.kiosk) return;
  const api = Object.fromEntries(
    kioskMethods.map((method) => [
      method,
      async (input: unknown): Promise<Envelope<unknown>> => {
        try {
          const response = await fetch(prefix + method, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ input }),
          });
          return (await response.json()) as Envelope<unknown>;
        } catch {
          return {
            ok: false,
            error: {
              code: 'host_unreachable',
              message: 'El kiosco no responde. Pedí ayuda en el mostrador.',
            },
          };
        }
      },
    ]),
  ) as unknown as WindowKiosk;
  Object.defineProperty(window, 'kiosk', { value: Object.freeze(api), writable: false });
}

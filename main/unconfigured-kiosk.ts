import { kioskMethods, type KioskUnconfigured } from '../src/contract/index.js';
import type { KioskHandlers } from '../src/kiosk/dispatch.js';
import { KioskError } from '../src/kiosk/errors.js';

/**
 * The kiosk API of a kiosk IT has not configured: `app:info` says what is wrong (the screens
 * show "Este kiosco todavía no está configurado"), every other call is refused. No core, no
 * central, no customer data.
 */
export function unconfiguredHandlers(
  version: string,
  unconfigured: KioskUnconfigured,
): KioskHandlers {
  const refuse = () =>
    Promise.reject(
      new KioskError(
        'kiosk_not_configured',
        'Este kiosco todavía no está configurado. Pedí ayuda en el mostrador.',
      ),
    );
  const table: Record<string, () => Promise<unknown>> = Object.fromEntries(
    kioskMethods.map((method) => [method, refuse]),
  );
  table['app:info'] = () =>
    Promise.resolve({ version, host: 'electron', branding: null, unconfigured });
  return table as unknown as KioskHandlers;
}

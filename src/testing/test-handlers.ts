import { catalogFixture } from './catalog-fixture.js';
import type { KioskHandlers } from '../kiosk/dispatch.js';
import { KioskError } from '../kiosk/errors.js';

/**
 * A handler table for tests of the transports (IPC, web host): the table is the boundary those
 * transports carry, so the transports are tested against it without a store or a central.
 */
export function testHandlers(overrides: Partial<KioskHandlers> = {}): KioskHandlers {
  const status = { online: true, lastSyncAt: null, lastAttemptAt: null, lastError: null };
  return {
    'app:info': () => Promise.resolve({ version: '1.2.3', host: 'web', branding: null }),
    'catalog:get': () => Promise.resolve({ catalog: catalogFixture(), syncedAt: null }),
    'sync:status': () => Promise.resolve(status),
    'sync:now': () => Promise.reject(new KioskError('central_down', 'La central no responde.')),
    ...accountMethodsNotScripted(),
    ...overrides,
  };
}

/** Account methods answer a refusal unless a test scripts them: transports only carry them. */
function accountMethodsNotScripted() {
  const refuse = () =>
    Promise.reject(new KioskError('not_scripted', 'Esta prueba no preparó esa respuesta.'));
  return {
    'account:register': refuse,
    'account:activate': refuse,
    'account:resendActivation': refuse,
    'session:signIn': refuse,
    'session:current': () => Promise.resolve(null),
    'session:signOut': () => Promise.resolve({ ended: true as const }),
    'password:requestReset': refuse,
    'password:reset': refuse,
    'supplies:link': refuse,
    'supplies:list': () => Promise.resolve({ supplies: [] }),
    'invoice:latest': () => Promise.resolve(null),
    'invoice:lookup': refuse,
    'payments:handoff': refuse,
    'coupon:print': refuse,
  } satisfies Partial<KioskHandlers>;
}

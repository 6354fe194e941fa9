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
    ...requestMethodsNotScripted(),
    ...fleetMethodsNotScripted(),
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
    'payments:open': () => Promise.resolve({ opened: false }),
    'payments:state': () => Promise.resolve({ open: false, idleSeconds: null }),
    'payments:close': () => Promise.resolve({ closed: true as const }),
    'coupon:print': refuse,
  } satisfies Partial<KioskHandlers>;
}

/** Request methods: nothing in progress, nothing queued; anything else must be scripted. */
function requestMethodsNotScripted() {
  const refuse = () =>
    Promise.reject(new KioskError('not_scripted', 'Esta prueba no preparó esa respuesta.'));
  return {
    'requirements:print': refuse,
    'request:start': refuse,
    'request:current': () => Promise.resolve(null),
    'request:saveStep': refuse,
    'request:addPage': refuse,
    'request:removePage': refuse,
    'request:pagePreview': refuse,
    'request:signForm': refuse,
    'request:printForm': refuse,
    'request:review': refuse,
    'request:submit': refuse,
    'request:discard': () => Promise.resolve({ discarded: false }),
    'requests:mine': () => Promise.resolve({ requests: [], pending: [], online: true }),
    'request:get': refuse,
    'request:answerObservation': refuse,
    'outbox:status': () =>
      Promise.resolve({ waiting: 0, rejected: 0, needsAuth: 0, oldestWaitingAt: null }),
  } satisfies Partial<KioskHandlers>;
}

/** Fleet and staff methods: a kiosk not enrolled, nobody from the staff signed in. */
function fleetMethodsNotScripted() {
  const refuse = () =>
    Promise.reject(new KioskError('not_scripted', 'Esta prueba no preparó esa respuesta.'));
  return {
    'fleet:status': () =>
      Promise.resolve({
        state: 'not-enrolled' as const,
        required: false,
        kioskId: 'kiosco-de-prueba',
        branch: null,
        enrolledAt: null,
      }),
    'fleet:enrol': refuse,
    'fleet:reportDevice': () => Promise.resolve({ recorded: true as const }),
    'staff:signIn': refuse,
    'staff:current': () => Promise.resolve(null),
    'staff:touch': refuse,
    'staff:signOut': () => Promise.resolve({ ended: true as const }),
    'staff:health': refuse,
    'staff:syncNow': refuse,
    'staff:retryItem': refuse,
    'staff:discardItem': refuse,
    'staff:testPrint': refuse,
    'staff:leaveKioskMode': refuse,
    'staff:assist': refuse,
  } satisfies Partial<KioskHandlers>;
}

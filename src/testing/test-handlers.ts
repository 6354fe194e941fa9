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
    ...overrides,
  };
}

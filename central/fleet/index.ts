import type { FastifyInstance } from 'fastify';
import type { Authenticators, CentralHandlers } from '../routes.js';
import { staffAdminHandlers, type StaffAdminRoute } from '../staff/admin-handlers.js';
import { kioskStaffHandlers, type KioskStaffRoute } from '../staff/kiosk-handlers.js';
import { authenticateKioskStaff } from '../staff/kiosk-sessions.js';
import type { FleetContext } from './config.js';
import { fleetHandlers, type FleetRoute } from './handlers.js';
import { kioskAuthentication } from './kiosk-auth.js';
import { registerFleetPage, type FleetPageDeps } from './page.js';

export { defaultFleetConfig, fleetConfig } from './config.js';
export type { FleetConfig, FleetConfigOverride, FleetContext } from './config.js';

/**
 * Everything the fleet adds to the central: enrolment, heartbeats and IT's entries, staff at a
 * kiosk (PIN sessions and their audit), the kiosk credential checks, and the `/flota` page.
 */
export function fleet(context: FleetContext) {
  const kiosks = kioskAuthentication(context);
  const handlers: Pick<CentralHandlers, FleetRoute | KioskStaffRoute | StaffAdminRoute> = {
    ...fleetHandlers(context),
    ...kioskStaffHandlers(context),
    ...staffAdminHandlers(context),
  };
  const authenticators: Pick<Authenticators, 'kiosk' | 'kioskStaff'> = {
    kiosk: kiosks.authenticate,
    kioskStaff: authenticateKioskStaff(context, kiosks.authenticate),
  };
  return {
    handlers,
    authenticators,
    /** Before the routes: kiosks' calls are checked ahead of their own authentication. */
    register: (app: FastifyInstance) => kiosks.install(app),
    registerPages: (app: FastifyInstance, signIn: FleetPageDeps['signIn']) =>
      registerFleetPage(app, { context, signIn }),
  };
}

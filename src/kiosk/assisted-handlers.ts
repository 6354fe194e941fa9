import type { StaffAtKioskState } from '../fleet/staff-session.js';
import type { CustomerSession } from '../session/customer-session.js';
import type { CentralClient } from '../sync/central-client.js';
import type { KioskHandlers } from './dispatch.js';

/**
 * Assisted mode at the kiosk: the staff member signed in opens the customer's session on the
 * central with their own staff session; from then on the kiosk works as for that customer, and
 * the screens say who is assisting. The PIN is typed again first, so a panel left open hands no
 * account to anyone. The staff session stays (it ends idle, as always).
 */
export function assistedHandlers(deps: {
  client: CentralClient;
  session: CustomerSession;
  staff: StaffAtKioskState;
}): Pick<KioskHandlers, 'staff:assist'> {
  return {
    'staff:assist': async ({ pin, customer }) => {
      await deps.staff.confirmPin(pin);
      const granted = await deps.staff.onCentral((token) =>
        deps.client.call('staffKioskAssist', { body: customer, token }),
      );
      const staffName = deps.staff.current()?.name ?? '';
      return deps.session.start(granted, staffName);
    },
  };
}

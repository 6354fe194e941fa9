import type { StaffAtKiosk, StaffKioskSignIn } from '../contract/index.js';
import { centralCall } from '../kiosk/central-errors.js';
import { KioskError } from '../kiosk/errors.js';
import { CentralError, type CentralClient } from '../sync/central-client.js';
import type { KioskEnrolmentState } from './enrolment.js';
import { fleetErrors } from './messages.js';

type Held = { token: string; name: string; email: string; idleMs: number; lastActivity: number };

/**
 * The staff member signed in at this kiosk, apart from any customer's session: the central's
 * token stays here. It ends on sign-out, or when nothing was done for the idle time the central
 * gave (10 minutes); each staff call counts as activity.
 */
export function createStaffAtKiosk(deps: {
  client: CentralClient;
  enrolment: KioskEnrolmentState;
  now: () => Date;
  log: (message: string, error?: unknown) => void;
}) {
  const { client, enrolment } = deps;
  let held: Held | null = null;

  const view = (current: Held): StaffAtKiosk => ({
    name: current.name,
    email: current.email,
    idleUntil: new Date(current.lastActivity + current.idleMs).toISOString(),
  });

  function live(): Held | null {
    if (held && deps.now().getTime() - held.lastActivity >= held.idleMs) held = null;
    return held;
  }

  async function signOut(): Promise<void> {
    const current = held;
    held = null;
    if (!current) return;
    await client.call('staffKioskSignOut', { token: current.token }).catch((error: unknown) => {
      // Unreachable or already ended: the token dies idle on the central anyway.
      if (!(error instanceof CentralError)) deps.log('Staff sign-out on the central failed', error);
    });
  }

  /** The live session for a staff call (which counts as activity), or the refusal to show. */
  function require(): Held {
    const current = live();
    if (!current) throw fleetErrors.staffRequired();
    current.lastActivity = deps.now().getTime();
    return current;
  }

  return {
    async signIn(body: StaffKioskSignIn): Promise<StaffAtKiosk> {
      if (enrolment.view().state === 'revoked') throw fleetErrors.revoked();
      if (!enrolment.isEnrolled()) throw fleetErrors.notEnrolled();
      await signOut();
      const granted = await centralCall(() => client.call('staffKioskSignIn', { body }));
      held = {
        token: granted.token,
        name: granted.staff.name,
        email: granted.staff.email,
        idleMs: granted.idleTimeoutSeconds * 1000,
        lastActivity: deps.now().getTime(),
      };
      return view(held);
    },
    current: (): StaffAtKiosk | null => {
      const current = live();
      return current && view(current);
    },
    require,
    /**
     * A call to the central on the staff member's behalf. A 401 means the central ended the
     * session (idle there, or the kiosk revoked): it ends here too, with the central's words.
     */
    async onCentral<T>(run: (token: string) => Promise<T>): Promise<T> {
      const current = require();
      try {
        return await centralCall(() => run(current.token));
      } catch (error) {
        if (error instanceof KioskError && /^(staff_session|kiosk_)/.test(error.code)) held = null;
        throw error;
      }
    },
    signOut,
  };
}

export type StaffAtKioskState = ReturnType<typeof createStaffAtKiosk>;

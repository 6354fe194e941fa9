import type { StaffAtKiosk, StaffKioskSignIn } from '../contract/index.js';
import { centralCall } from '../kiosk/central-errors.js';
import { KioskError } from '../kiosk/errors.js';
import { CentralError, type CentralClient } from '../sync/central-client.js';
import type { KioskEnrolmentState } from './enrolment.js';
import { fleetErrors } from './messages.js';

type Held = { token: string; name: string; email: string; idleMs: number; lastActivity: number };

/** An unattended panel ends this soon after its last touch (the central's own limit is longer). */
export const staffPanelIdleMs = 90_000;

/**
 * The staff member signed in at this kiosk, apart from any customer's session: the central's
 * token stays here. It ends on sign-out, or 90 s after the last touch or staff call (the screens
 * report touches with `staff:touch`), or earlier if the central's idle time is shorter. What can
 * hand the kiosk to someone else (assisted mode, leaving kiosk mode) asks for the PIN again.
 */
export function createStaffAtKiosk(deps: {
  client: CentralClient;
  enrolment: KioskEnrolmentState;
  now: () => Date;
  log: (message: string, error?: unknown) => void;
  idleMs?: number;
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
        idleMs: Math.min(granted.idleTimeoutSeconds * 1000, deps.idleMs ?? staffPanelIdleMs),
        lastActivity: deps.now().getTime(),
      };
      return view(held);
    },
    /** A touch on a staff screen: the panel's clock starts again. */
    touch: (): StaffAtKiosk => view(require()),
    /**
     * The PIN typed again before something that hands the kiosk over: checked by the central as
     * a sign-in of the same member at this kiosk (throttled like one), whose new token replaces
     * the old. A wrong PIN is refused and the panel stays open.
     */
    async confirmPin(pin: string): Promise<void> {
      const current = require();
      const granted = await centralCall(() =>
        client.call('staffKioskSignIn', { body: { badgeOrEmail: current.email, pin } }),
      );
      const previous = current.token;
      current.token = granted.token;
      current.lastActivity = deps.now().getTime();
      // The old token ends on the central now (its sign-in and sign-out are in the audit log).
      // If the link fails here, the new token is already in use and the old one lapses on its own.
      await client.call('staffKioskSignOut', { token: previous }).catch(() => {});
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

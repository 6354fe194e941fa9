import type { KioskCallObserver } from '../src/kiosk/observed-handlers.js';

export type CustomerPresenceOptions = {
  /** Whether the core holds a signed-in customer (`session:current` is not null). */
  signedIn: () => Promise<boolean>;
  /**
   * How long after the last touch an anonymous visit (registering, "Consultar factura sin
   * cuenta") still counts as someone at the kiosk. Longer than the renderer's inactivity warning
   * (90 s plus 30 s by default), which ends such a visit with `session:signOut`.
   */
  quietMs?: number;
  now?: () => number;
};

export const defaultQuietMs = 3 * 60_000;

/**
 * Whether someone is using the kiosk, for what must wait until nobody is (installing an update).
 * A visit starts with input or a kiosk API call and ends with `session:signOut` or with quiet.
 */
export function createCustomerPresence(options: CustomerPresenceOptions) {
  const now = options.now ?? Date.now;
  const quietMs = options.quietMs ?? defaultQuietMs;
  let lastActivity = Number.NEGATIVE_INFINITY;
  let lastEnd = Number.NEGATIVE_INFINITY;

  return {
    /** Input on the screen or a customer's call. */
    activity(): void {
      lastActivity = now();
    },
    /** The visit ended (`session:signOut`): the welcome screen is back. */
    ended(): void {
      lastEnd = now();
    },
    async isPresent(): Promise<boolean> {
      if (await options.signedIn()) return true;
      if (lastEnd >= lastActivity) return false;
      return now() - lastActivity < quietMs;
    },
  };
}

export type CustomerPresence = ReturnType<typeof createCustomerPresence>;

/**
 * What the shell watches of the kiosk API: a customer's call (never a `background` one) is
 * someone at the kiosk, `session:signOut` ends the visit (then `visitEnded`, e.g. a new page).
 */
export function presenceObserver(
  presence: CustomerPresence,
  visitEnded: () => void = () => {},
): KioskCallObserver {
  return {
    customerCall: () => presence.activity(),
    sessionEnded: () => {
      presence.ended();
      visitEnded();
    },
  };
}

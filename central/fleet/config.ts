import type { PasswordHasher } from '../accounts/password-hashing.js';
import type { CentralDb } from '../db/index.js';

const minute = 60_000;

/**
 * The fleet's settings and limits, in one place. Tests pass a partial override through
 * `buildCentral({ fleet })`; `npm run central` reads `REQUIRE_ENROLLED_KIOSKS`.
 */
export type FleetConfig = {
  /**
   * Refuse kiosks' calls that carry no credential (401 `kiosk_not_enrolled`). Off for the
   * embedded central of a demo or of `npm run web`, where nobody enrols anything; a credential
   * that is sent is always checked, so a revoked kiosk is refused either way.
   */
  requireEnrolledKiosks: boolean;
  enrolmentCodeLifetimeMs: number;
  /** Wrong enrolment codes per address in a window before that address waits the window out. */
  enrolmentFailures: number;
  /** A kiosk with no heartbeat for longer than this is `silent` on the fleet page. */
  silentAfterMs: number;
  /** Heartbeats kept per kiosk (one a minute: about an hour). */
  heartbeatHistory: number;
  /** A staff session at a kiosk ends after this long without a call… */
  kioskStaffIdleMs: number;
  /** …and after this long in any case. */
  kioskStaffLifetimeMs: number;
  /** A customer's session opened by staff at the counter (assisted mode) lasts this long. */
  assistedSessionLifetimeMs: number;
  pinThrottle: PinThrottle;
};

/**
 * PIN guessing (`central/staff/pin-throttle.ts`): failures count per member at a kiosk, and
 * unknown emails and badges are counted like known ones; no count makes a member with no
 * failure of their own wait.
 */
export type PinThrottle = {
  windowMs: number;
  /** Failures for one name at one kiosk: then a wait that doubles with each further failure. */
  memberFailures: number;
  /** Failures at one kiosk, any names: then each name waits there after its first failure. */
  kioskFailures: number;
  /** Failures for one member at all kiosks: then each kiosk waits after its first failure. */
  memberEverywhereFailures: number;
  firstDelayMs: number;
  maxDelayMs: number;
};

export const defaultFleetConfig: FleetConfig = {
  requireEnrolledKiosks: false,
  enrolmentCodeLifetimeMs: 24 * 60 * minute,
  enrolmentFailures: 10,
  silentAfterMs: 3 * minute,
  heartbeatHistory: 60,
  kioskStaffIdleMs: 10 * minute,
  kioskStaffLifetimeMs: 8 * 60 * minute,
  assistedSessionLifetimeMs: 30 * minute,
  pinThrottle: {
    windowMs: 15 * minute,
    memberFailures: 5,
    kioskFailures: 10,
    memberEverywhereFailures: 15,
    firstDelayMs: 30_000,
    maxDelayMs: 15 * minute,
  },
};

export type FleetConfigOverride = Partial<Omit<FleetConfig, 'pinThrottle'>> & {
  pinThrottle?: Partial<PinThrottle>;
};

export function fleetConfig(override: FleetConfigOverride = {}): FleetConfig {
  return {
    ...defaultFleetConfig,
    ...override,
    pinThrottle: { ...defaultFleetConfig.pinThrottle, ...override.pinThrottle },
  };
}

/** What the fleet's handlers are given: passed in, so tests move time. */
export type FleetContext = {
  db: CentralDb;
  now: () => Date;
  config: FleetConfig;
  /** PINs are hashed like passwords (argon2id). */
  hasher: PasswordHasher;
};

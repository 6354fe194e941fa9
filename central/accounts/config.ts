/**
 * Lifetimes and limits of accounts, in one place. Tests pass a partial override (shorter
 * windows, fewer failures) through `startCentral({ accounts })`.
 */
export type AccountsConfig = {
  /** How long a mailed code (and its link) is valid. */
  codeLifetimeMs: number;
  /** Wrong codes accepted before the code is dead and the customer must ask for another. */
  codeMaxFailures: number;
  /** Minimum time between two activation or recovery mails to the same account. */
  resendCooldownMs: number;
  /**
   * Activation or recovery mails (each with a new code) per email and hour. Bounds both the mail
   * someone can make a stranger receive and the codes one can guess at: 5 codes × 5 tries.
   */
  mailsPerHour: number;
  /** Minimum time between two "someone tried to register with your data" notices. */
  noticeCooldownMs: number;
  /** Absolute lifetime of a session: a kiosk session is short and never extended. */
  sessionLifetimeMs: number;
  throttle: ThrottleConfig;
};

/** The sign-in throttling policy; README.md ("Cuentas en la central") explains it. */
export type ThrottleConfig = {
  /** Failures are counted in fixed windows of this length; a window's count then starts over. */
  windowMs: number;
  /** Failures from one source (an enrolled kiosk, or an address), all accounts: then it waits. */
  kioskFailures: number;
  /** Failures from one address, all kiosks: a branch shares one, an attacker may invent ids. */
  addressFailures: number;
  /** Failures for one account at one kiosk before that kiosk waits for that account. */
  accountFailures: number;
  /**
   * Failures for one account from all sources together in `accountLockWindowMs`, after which
   * every source waits until that window is over and the owner is told by mail. Windows are
   * fixed, so any hour sees at most twice this many guesses when the window is an hour.
   */
  accountLockFailures: number;
  accountLockWindowMs: number;
  /** First wait for an account at a kiosk; each further failure doubles it. */
  firstDelayMs: number;
  maxDelayMs: number;
  /** Registrations one source (an address, or an enrolled kiosk) may start per hour. */
  registrationsPerHour: number;
};

const minute = 60_000;

export const defaultAccountsConfig: AccountsConfig = {
  codeLifetimeMs: 30 * minute,
  codeMaxFailures: 5,
  resendCooldownMs: minute,
  mailsPerHour: 5,
  noticeCooldownMs: 15 * minute,
  sessionLifetimeMs: 30 * minute,
  throttle: {
    windowMs: 15 * minute,
    kioskFailures: 30,
    addressFailures: 100,
    registrationsPerHour: 10,
    accountFailures: 5,
    accountLockFailures: 20,
    accountLockWindowMs: 60 * minute,
    firstDelayMs: 30_000,
    maxDelayMs: 15 * minute,
  },
};

export type AccountsConfigOverride = Partial<Omit<AccountsConfig, 'throttle'>> & {
  throttle?: Partial<ThrottleConfig>;
};

export function accountsConfig(override: AccountsConfigOverride = {}): AccountsConfig {
  return {
    ...defaultAccountsConfig,
    ...override,
    throttle: { ...defaultAccountsConfig.throttle, ...override.throttle },
  };
}

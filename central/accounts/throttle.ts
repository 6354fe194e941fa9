import type { FastifyRequest } from 'fastify';
import type { CentralDb } from '../db/index.js';
import type { ThrottleConfig } from './config.js';
import { authenticatedKioskId } from '../fleet/kiosk-auth.js';
import { CentralHttpError } from '../http-errors.js';
import { messages } from '../messages.js';
import {
  blockedFor,
  claimTry,
  clearCounters,
  clearCountersStartingWith,
  releaseTry,
  type FailureRule,
} from './counters.js';

/**
 * Sign-in throttling: password guessing is slowed per account and per source, and capped per
 * account whatever the sources. A source is only what the central has authenticated: an enrolled
 * kiosk by its credential, otherwise the client's address (the socket's, never a header): an
 * `x-kiosk-id` the caller chooses never buys a try. Only failures count (a right password gives
 * its try back), and unknown emails are counted like known ones, so a 429 tells nothing about who
 * has an account. Each try is counted before its password is checked, in one statement with its
 * limit (`claimTry`): tries sent at the same moment cannot pass a limit together.
 *
 * - Source, any accounts: after 30 failures in 15 minutes that source waits until its window
 *   ends.
 * - Address, any kiosks (a branch's enrolled kiosks share one): after 100 failures in 15 minutes,
 *   the address waits until its window ends.
 * - Account at a source: after 5 failures in 15 minutes for one email from one source, that
 *   source waits 30 s before the next try for that email, and each further failure doubles the
 *   wait, up to 15 minutes. Other sources are not affected.
 * - Account everywhere: after 20 failures in an hour from all sources together, every source waits
 *   until that hour is over, the owner's too, and the owner gets a mail saying so (a password
 *   reset lifts it). So nobody gets more than 40 guesses at one account in any hour.
 *
 * Every count lives in a fixed window and starts over when the window and its last wait are over.
 * A password reset (which proves the mailbox) clears the account's counts at once; a successful
 * sign-in clears its count at that source.
 */
export type SignInAttempt = { email: string; kiosk: string; address: string };

const keys = {
  kiosk: (a: SignInAttempt) => `signin:kiosk:${a.kiosk}`,
  address: (a: SignInAttempt) => `signin:address:${a.address}`,
  account: (email: string) => `signin:account:${email}`,
  // A space ends the email: emails never contain one.
  accountAtKiosk: (a: SignInAttempt) => `signin:account-kiosk:${a.email} ${a.kiosk}`,
  accountAtAnyKiosk: (email: string) => `signin:account-kiosk:${email} `,
};

/**
 * Where a request comes from, for throttling and the sessions it opens: the client's address,
 * and the enrolled kiosk its credential proved (`-` without one, whatever `x-kiosk-id` says).
 */
export function kioskOf(request: FastifyRequest): { kiosk: string; address: string } {
  return { kiosk: `${request.ip} ${authenticatedKioskId(request) ?? '-'}`, address: request.ip };
}

function rules(attempt: SignInAttempt, config: ThrottleConfig, now: Date) {
  const untilWindowEnds = (_over: number, windowEnd: Date) => windowEnd.getTime() - now.getTime();
  const fixed = (limit: number, windowMs = config.windowMs): FailureRule => ({
    windowMs,
    limit,
    blockMs: untilWindowEnds,
  });
  return {
    accountAtKiosk: {
      key: keys.accountAtKiosk(attempt),
      rule: {
        windowMs: config.windowMs,
        limit: config.accountFailures,
        blockMs: (over: number) => Math.min(config.firstDelayMs * 2 ** over, config.maxDelayMs),
      },
    },
    kiosk: { key: keys.kiosk(attempt), rule: fixed(config.kioskFailures) },
    address: { key: keys.address(attempt), rule: fixed(config.addressFailures) },
    account: {
      key: keys.account(attempt.email),
      rule: fixed(config.accountLockFailures, config.accountLockWindowMs),
    },
  };
}

export type SignInClaim =
  | { wait: number }
  | {
      wait: 0;
      /** This try filled the account's own limit: when everyone may try again. */
      accountLockedUntil: Date | null;
    };

/**
 * Counts this try before its password is checked. Answers the seconds to wait (nothing counted),
 * or the claim; `settleSignIn` gives it back when the password was right.
 */
export async function claimSignInTry(
  db: CentralDb,
  attempt: SignInAttempt,
  config: ThrottleConfig,
  now: Date,
): Promise<SignInClaim> {
  const all = Object.values(rules(attempt, config, now));
  const claimed: typeof all = [];
  let accountLockedUntil: Date | null = null;
  for (const claim of all) {
    const count = await claimTry(db, claim.key, claim.rule, now);
    if (count === null) {
      for (const given of claimed) await releaseTry(db, given.key, given.rule);
      const wait = await blockedFor(
        db,
        all.map((each) => each.key),
        now,
      );
      return { wait: Math.max(1, wait) };
    }
    claimed.push(claim);
    if (claim.key === keys.account(attempt.email) && count === claim.rule.limit) {
      accountLockedUntil = new Date(
        now.getTime() + (await blockedFor(db, [claim.key], now)) * 1000,
      );
    }
  }
  return { wait: 0, accountLockedUntil };
}

/**
 * The right password: its try was no failure, and its count at that source starts over. (A wrong
 * one stays counted as it was claimed.)
 */
export async function settleSignIn(
  db: CentralDb,
  attempt: SignInAttempt,
  config: ThrottleConfig,
  now: Date,
): Promise<void> {
  const { accountAtKiosk, ...others } = rules(attempt, config, now);
  for (const claim of Object.values(others)) await releaseTry(db, claim.key, claim.rule);
  await clearCounters(db, [accountAtKiosk.key]);
}

/** A password reset proved the mailbox: the account's counts start over everywhere. */
export async function clearAfterPasswordReset(db: CentralDb, email: string): Promise<void> {
  await clearCounters(db, [keys.account(email)]);
  await clearCountersStartingWith(db, keys.accountAtAnyKiosk(email));
}

/**
 * A password check under the throttle: 429 `too_many_attempts` (with `Retry-After`) when this
 * try must wait, before anything is checked. `check` answers what the right password gives, or
 * undefined when it was wrong: a right one gives its try back; a wrong one stays counted, and
 * when it filled the account's own limit `lockedOut` is told until when (to mail the owner).
 */
export async function throttledCheck<T>(
  db: CentralDb,
  attempt: SignInAttempt,
  config: ThrottleConfig,
  now: () => Date,
  check: () => Promise<T | undefined>,
  lockedOut: (until: Date) => Promise<void>,
): Promise<T | undefined> {
  const claim = await claimSignInTry(db, attempt, config, now());
  if (claim.wait > 0) {
    throw new CentralHttpError(
      429,
      'too_many_attempts',
      messages.accounts.tooManyAttempts(claim.wait),
      { retryAfterSeconds: claim.wait },
    );
  }
  const right = await check();
  if (right !== undefined) {
    await settleSignIn(db, attempt, config, now());
  } else if ('accountLockedUntil' in claim && claim.accountLockedUntil) {
    await lockedOut(claim.accountLockedUntil);
  }
  return right;
}

import type { FastifyRequest } from 'fastify';
import { kioskIdHeader } from '../../src/contract/index.js';
import type { CentralDb } from '../db/index.js';
import type { ThrottleConfig } from './config.js';
import {
  blockedFor,
  clearCounters,
  clearCountersStartingWith,
  recordFailure,
  type FailureRule,
} from './counters.js';

/**
 * Sign-in throttling: password guessing is slowed per account and per kiosk, and no stranger
 * can lock an owner out. Only failures count (a right password never adds to any count), and
 * unknown emails are counted like known ones, so a 429 tells nothing about who has an account.
 *
 * - Kiosk (client address + `x-kiosk-id`): after 30 failures in 15 minutes, for any accounts,
 *   that kiosk waits until its window ends.
 * - Address (a whole branch shares one; someone inventing kiosk ids does too): after 100 failures
 *   in 15 minutes, the address waits until its window ends.
 * - Account at a kiosk: after 5 failures in 15 minutes for one email at one kiosk, that kiosk
 *   waits 30 s before the next try for that email, and each further failure doubles the wait, up
 *   to 15 minutes. Other kiosks are not affected: the owner at another kiosk, or at this one once
 *   the wait is over, signs in with the right password.
 * - Account everywhere: after 20 failures in 15 minutes from all kiosks together the account is
 *   under attack, and any kiosk then waits after its first failure for it. A kiosk with no failure
 *   for it still gets a try, so the owner is slowed only by their own typing mistakes.
 *
 * Every count lives in a fixed window and starts over when the window and its last wait are over:
 * nothing lasts more than about half an hour. A password reset (which proves the mailbox) clears
 * the account's counts at once; a successful sign-in clears its count at that kiosk.
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

/** The kiosk a request comes from: the client address and the kiosk id it sends. */
export function kioskOf(request: FastifyRequest): { kiosk: string; address: string } {
  const header = request.headers[kioskIdHeader];
  const id = (Array.isArray(header) ? header[0] : header)?.trim().slice(0, 64) || '-';
  return { kiosk: `${request.ip} ${id}`, address: request.ip };
}

/** Seconds this attempt must wait before its password is even checked; 0 to go ahead. */
export function waitBeforeSignIn(db: CentralDb, attempt: SignInAttempt, now: Date) {
  return blockedFor(
    db,
    [keys.kiosk(attempt), keys.address(attempt), keys.accountAtKiosk(attempt)],
    now,
  );
}

export async function recordSignInFailure(
  db: CentralDb,
  attempt: SignInAttempt,
  config: ThrottleConfig,
  now: Date,
): Promise<void> {
  const untilWindowEnds = (_over: number, windowEnd: Date) => windowEnd.getTime() - now.getTime();
  const fixed = (limit: number): FailureRule => ({
    windowMs: config.windowMs,
    limit,
    blockMs: untilWindowEnds,
  });
  await recordFailure(db, keys.kiosk(attempt), fixed(config.kioskFailures), now);
  await recordFailure(db, keys.address(attempt), fixed(config.addressFailures), now);
  const everywhere = await recordFailure(
    db,
    keys.account(attempt.email),
    fixed(Number.POSITIVE_INFINITY),
    now,
  );
  const underAttack = everywhere >= config.accountUnderAttackFailures;
  await recordFailure(
    db,
    keys.accountAtKiosk(attempt),
    {
      windowMs: config.windowMs,
      limit: underAttack ? 1 : config.accountFailures,
      blockMs: (over) => Math.min(config.firstDelayMs * 2 ** over, config.maxDelayMs),
    },
    now,
  );
}

/** The right password at this kiosk: its count for the account starts over. */
export function clearAfterSignIn(db: CentralDb, attempt: SignInAttempt): Promise<void> {
  return clearCounters(db, [keys.accountAtKiosk(attempt)]);
}

/** A password reset proved the mailbox: the account's counts start over everywhere. */
export async function clearAfterPasswordReset(db: CentralDb, email: string): Promise<void> {
  await clearCounters(db, [keys.account(email)]);
  await clearCountersStartingWith(db, keys.accountAtAnyKiosk(email));
}

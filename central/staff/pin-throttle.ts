import type { CentralDb } from '../db/index.js';
import {
  blockedFor,
  clearCounters,
  clearCountersStartingWith,
  recordFailure,
} from '../accounts/counters.js';
import type { PinThrottle } from '../fleet/config.js';

/**
 * PIN guessing at the kiosks. A PIN has only a million values, so guesses are slowed per member,
 * but nobody can lock the counter out by typing wrong pairs at the "Personal" link:
 *
 * - A member at a kiosk: after `memberFailures` wrong PINs in the window for one member (or one
 *   unknown name) at one kiosk, that kiosk waits 30 s before the next try for that name, doubling
 *   with each further failure up to 15 minutes. The others at that kiosk are not slowed.
 * - A kiosk under attack: after `kioskFailures` wrong pairs at one kiosk for any names, every
 *   name that fails there again waits after its first failure; a member with no failure there
 *   still gets their try, so the stranger's guesses slow only the stranger.
 * - A member under attack: after `memberEverywhereFailures` failures for one member at all kiosks
 *   together, each kiosk waits after its first failure for that member; again a kiosk where the
 *   member made no mistake still lets the right PIN in.
 *
 * The right PIN starts the member's count at that kiosk over; IT clears a member's waits at once
 * (`npm run central -- staff unlock EMAIL`, or the staff API).
 */
export type PinAttempt = { who: string; kioskId: string };

const keys = {
  atKiosk: (a: PinAttempt) => `staffpin:member-kiosk:${a.who} ${a.kioskId}`,
  // Ids and hashes never contain a space: the prefix names one member's counters at every kiosk.
  atAnyKiosk: (who: string) => `staffpin:member-kiosk:${who} `,
  member: (who: string) => `staffpin:member:${who}`,
  kiosk: (kioskId: string) => `staffpin:kiosk:${kioskId}`,
};

/** Seconds this name must wait at this kiosk before its PIN is checked; 0 to go ahead. */
export function waitBeforePin(db: CentralDb, attempt: PinAttempt, now: Date): Promise<number> {
  return blockedFor(db, [keys.atKiosk(attempt)], now);
}

export async function recordPinFailure(
  db: CentralDb,
  attempt: PinAttempt,
  rule: PinThrottle,
  now: Date,
): Promise<void> {
  const count = (key: string) =>
    recordFailure(
      db,
      key,
      { windowMs: rule.windowMs, limit: Number.POSITIVE_INFINITY, blockMs: () => 0 },
      now,
    );
  const atKioskCount = await count(keys.kiosk(attempt.kioskId));
  const everywhere = await count(keys.member(attempt.who));
  const underAttack =
    atKioskCount >= rule.kioskFailures || everywhere >= rule.memberEverywhereFailures;
  await recordFailure(
    db,
    keys.atKiosk(attempt),
    {
      windowMs: rule.windowMs,
      limit: underAttack ? 1 : rule.memberFailures,
      blockMs: (over) => Math.min(rule.firstDelayMs * 2 ** over, rule.maxDelayMs),
    },
    now,
  );
}

/** The right PIN at this kiosk: the member's count there starts over. */
export function clearAfterPin(db: CentralDb, attempt: PinAttempt): Promise<void> {
  return clearCounters(db, [keys.atKiosk(attempt)]);
}

/** IT lifts a member's waits at every kiosk (their PIN is still theirs to type right). */
export async function clearPinLocks(db: CentralDb, memberId: string): Promise<void> {
  await clearCounters(db, [keys.member(memberId)]);
  await clearCountersStartingWith(db, keys.atAnyKiosk(memberId));
}

/** Seconds the member still waits at the kiosk that blocks them longest; 0 when none does. */
export async function pinLockedFor(db: CentralDb, memberId: string, now: Date): Promise<number> {
  const row = await db
    .selectFrom('throttle_counters')
    .select((eb) => eb.fn.max('blocked_until').as('until'))
    .where('key', 'like', `${keys.atAnyKiosk(memberId)}%`)
    .where('blocked_until', '>', now.toISOString())
    .executeTakeFirst();
  return row?.until ? Math.max(1, Math.ceil((Date.parse(row.until) - now.getTime()) / 1000)) : 0;
}

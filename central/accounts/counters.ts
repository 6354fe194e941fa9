import { sql } from 'kysely';
import type { CentralDb } from '../db/index.js';

/**
 * Counters in the database, so every instance of the central and every restart sees the same
 * counts: failures per key in fixed windows, and cooldowns between mails. Keys are plain text
 * ("signin:kiosk:<address>|<kiosk id>", "mail:activation:<email>"...), whatever the key names
 * exists or not, so an unknown email is counted exactly like a known one.
 */

const iso = (date: Date) => date.toISOString();

function secondsUntil(until: string, now: Date): number {
  return Math.max(1, Math.ceil((Date.parse(until) - now.getTime()) / 1000));
}

/** Seconds until none of the keys is blocked any more; 0 when none is. */
export async function blockedFor(db: CentralDb, keys: string[], now: Date): Promise<number> {
  const row = await db
    .selectFrom('throttle_counters')
    .select((eb) => eb.fn.max('blocked_until').as('until'))
    .where('key', 'in', keys)
    .where('blocked_until', '>', iso(now))
    .executeTakeFirst();
  return row?.until ? secondsUntil(row.until, now) : 0;
}

export type FailureRule = {
  windowMs: number;
  /** The count from which each failure blocks the key (Infinity: only count). */
  limit: number;
  /** How long the key is blocked after a failure; `over` is 0 for the failure that hits the limit. */
  blockMs: (over: number, windowEnd: Date) => number;
};

/**
 * Counts one failure under `key` and blocks the key when the rule says so. A window that has
 * run out (and is not blocking) starts over at 1: no count lives longer than its window plus
 * its last block. Returns the count in the current window.
 */
export async function recordFailure(
  db: CentralDb,
  key: string,
  rule: FailureRule,
  now: Date,
): Promise<number> {
  const nowIso = iso(now);
  const windowOver = iso(new Date(now.getTime() - rule.windowMs));
  // One statement, so two failures at the same moment both count (no read-then-write race).
  const row = await db
    .insertInto('throttle_counters')
    .values({ key, window_start: nowIso, count: 1, blocked_until: null })
    .onConflict((conflict) =>
      conflict.column('key').doUpdateSet((eb) => {
        const startsOver = eb.and([
          eb('throttle_counters.window_start', '<=', windowOver),
          eb.or([
            eb('throttle_counters.blocked_until', 'is', null),
            eb('throttle_counters.blocked_until', '<=', nowIso),
          ]),
        ]);
        return {
          window_start: eb
            .case()
            .when(startsOver)
            .then(sql<string>`${nowIso}`)
            .else(eb.ref('throttle_counters.window_start'))
            .end(),
          count: eb
            .case()
            .when(startsOver)
            .then(sql<number>`1`)
            .else(eb('throttle_counters.count', '+', 1))
            .end(),
        };
      }),
    )
    .returning(['count', 'window_start'])
    .executeTakeFirstOrThrow();

  return blockWhenFull(db, key, rule, row, now);
}

/** Blocks the key for the rule's wait when its count has reached the limit; answers the count. */
async function blockWhenFull(
  db: CentralDb,
  key: string,
  rule: FailureRule,
  row: { count: number; window_start: string },
  now: Date,
): Promise<number> {
  const count = Number(row.count);
  if (count >= rule.limit) {
    const windowEnd = new Date(Date.parse(row.window_start) + rule.windowMs);
    const until = new Date(now.getTime() + rule.blockMs(count - rule.limit, windowEnd));
    await db
      .updateTable('throttle_counters')
      .set({ blocked_until: iso(until) })
      .where('key', '=', key)
      .execute();
  }
  return count;
}

/** Current count of a key's window (0 when it has none or the window ran out). */
export async function countOf(
  db: CentralDb,
  key: string,
  windowMs: number,
  now: Date,
): Promise<number> {
  const row = await db
    .selectFrom('throttle_counters')
    .select('count')
    .where('key', '=', key)
    .where('window_start', '>', iso(new Date(now.getTime() - windowMs)))
    .executeTakeFirst();
  return row ? Number(row.count) : 0;
}

export async function clearCounters(db: CentralDb, keys: string[]): Promise<void> {
  await db.deleteFrom('throttle_counters').where('key', 'in', keys).execute();
}

/** Clears every key that starts with `prefix` (all kiosks' counters of one account). */
export async function clearCountersStartingWith(db: CentralDb, prefix: string): Promise<void> {
  await db
    .deleteFrom('throttle_counters')
    .where(sql`substr(key, 1, ${prefix.length})`, '=', prefix)
    .execute();
}

/**
 * Starts a cooldown under `key` unless one is running. Returns 0 when it started (go ahead), or
 * the seconds left of the running one.
 */
export async function claimCooldown(
  db: CentralDb,
  key: string,
  cooldownMs: number,
  now: Date,
): Promise<number> {
  const nowIso = iso(now);
  const until = iso(new Date(now.getTime() + cooldownMs));
  // The conditional upsert claims atomically: of two requests at once, only one gets a row back.
  const claimed = await db
    .insertInto('throttle_counters')
    .values({ key, window_start: nowIso, count: 1, blocked_until: until })
    .onConflict((conflict) =>
      conflict
        .column('key')
        .doUpdateSet({ window_start: nowIso, count: 1, blocked_until: until })
        .where((eb) =>
          eb.or([
            eb('throttle_counters.blocked_until', 'is', null),
            eb('throttle_counters.blocked_until', '<=', nowIso),
          ]),
        ),
    )
    .returning('key')
    .executeTakeFirst();
  if (claimed) return 0;
  return Math.max(1, await blockedFor(db, [key], now));
}

/**
 * A slot to send one more code mail under `key`: the cooldown since the last one is over and
 * fewer than `perHour` went out in the hour. Returns 0 when claimed, or the seconds to wait.
 */
export async function claimMailSlot(
  db: CentralDb,
  key: string,
  limits: { cooldownMs: number; perHour: number },
  now: Date,
): Promise<number> {
  const hourKey = `${key}:hour`;
  const full = await blockedFor(db, [hourKey], now);
  if (full > 0) return full;
  const wait = await claimCooldown(db, key, limits.cooldownMs, now);
  if (wait > 0) return wait;
  const hour = 60 * 60_000;
  await recordFailure(
    db,
    hourKey,
    {
      windowMs: hour,
      limit: limits.perHour,
      blockMs: (_over, windowEnd) => windowEnd.getTime() - now.getTime(),
    },
    now,
  );
  return 0;
}

/**
 * How long a key that a claim has just filled stays blocked before the claim sets its real wait
 * (the next statement): concurrent claims in between see it blocked.
 */
const claimHoldMs = 60_000;

/**
 * Claims one try under `key`, counted as a failure before the try is made, so that tries made at
 * the same moment can never pass the limit together: the count, the check and the block are one
 * statement. Answers the count, or null when the key is blocked (nothing is counted then, so
 * hammering a blocked key never lengthens its wait). The claim that reaches `rule.limit` blocks
 * the key for `rule.blockMs`. A try that turns out right gives its claim back with `releaseTry`.
 */
export async function claimTry(
  db: CentralDb,
  key: string,
  rule: FailureRule,
  now: Date,
): Promise<number | null> {
  const nowIso = iso(now);
  const windowOver = iso(new Date(now.getTime() - rule.windowMs));
  const hold = iso(new Date(now.getTime() + claimHoldMs));
  const row = await db
    .insertInto('throttle_counters')
    .values({
      key,
      window_start: nowIso,
      count: 1,
      blocked_until: rule.limit <= 1 ? hold : null,
    })
    .onConflict((conflict) =>
      conflict
        .column('key')
        .doUpdateSet((eb) => {
          const startsOver = eb('throttle_counters.window_start', '<=', windowOver);
          const count = eb
            .case()
            .when(startsOver)
            .then(sql<number>`1`)
            .else(eb('throttle_counters.count', '+', 1))
            .end();
          return {
            window_start: eb
              .case()
              .when(startsOver)
              .then(sql<string>`${nowIso}`)
              .else(eb.ref('throttle_counters.window_start'))
              .end(),
            count,
            blocked_until: eb
              .case()
              .when(count, '>=', rule.limit)
              .then(sql<string>`${hold}`)
              .else(sql<null>`null`)
              .end(),
          };
        })
        .where((eb) =>
          eb.or([
            eb('throttle_counters.blocked_until', 'is', null),
            eb('throttle_counters.blocked_until', '<=', nowIso),
          ]),
        ),
    )
    .returning(['count', 'window_start'])
    .executeTakeFirst();
  if (!row) return null;
  return blockWhenFull(db, key, rule, row, now);
}

/** Gives back a claim whose try was right: it never counted as a failure. */
export async function releaseTry(db: CentralDb, key: string, rule: FailureRule): Promise<void> {
  await db
    .updateTable('throttle_counters')
    .set((eb) => ({
      count: eb('count', '-', 1),
      blocked_until: eb
        .case()
        .when(eb('count', '-', 1), '<', rule.limit)
        .then(sql<null>`null`)
        .else(eb.ref('blocked_until'))
        .end(),
    }))
    .where('key', '=', key)
    .where('count', '>', 0)
    .execute();
}

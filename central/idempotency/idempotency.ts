import { createHash, randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { CentralDb, CentralSchema } from '../db/index.js';
import { isUniqueViolation } from '../db/index.js';
import { CentralHttpError } from '../http-errors.js';
import { idempotencyMessages } from '../requests/messages.js';

export type IdempotencyContext = {
  db: CentralDb;
  now: () => Date;
  /** How long a claim without an answer holds the key before a repeat may take it over. */
  claimMs: number;
};

/** One mutation as a client sent it: its key (per account), what it does, and with what. */
export type IdempotentCall = {
  accountId: string;
  key: string;
  operation: string;
  input: unknown;
};

export type Answer<T> = { status: number; body: T };
export type Outcome<T> = Answer<T> & { replayed: boolean };

/**
 * Runs a mutation at most once per idempotency key. The key is claimed first (a repeat while the
 * first still runs answers 409); the effect and the recording of its answer then commit in one
 * transaction, so a key is never recorded without its effect nor the effect without its key. A
 * repeat of a recorded key with the same operation and input gets the recorded answer; with
 * anything else, 422. A refusal (the effect throws) is not recorded and frees the key: the same
 * delivery, corrected, can be tried again. A claim whose holder died (the central stopped
 * mid-way, so nothing was committed) is taken over after `claimMs`.
 */
export async function runIdempotent<T>(
  context: IdempotencyContext,
  call: IdempotentCall,
  effect: (trx: Transaction<CentralSchema>) => Promise<Answer<T>>,
): Promise<Outcome<T>> {
  const fingerprint = fingerprintOf(call);
  const claimed = await claim(context, call, fingerprint);
  if ('replay' in claimed) return { ...(claimed.replay as Answer<T>), replayed: true };

  const { db, now } = context;
  const mine = (trx: CentralDb) =>
    trx
      .updateTable('idempotency_keys')
      .where('account_id', '=', call.accountId)
      .where('key', '=', call.key)
      .where('claim_id', '=', claimed.claimId)
      .where('completed_at', 'is', null);
  try {
    return await db.transaction().execute(async (trx) => {
      const answer = await effect(trx);
      const recorded = await mine(trx)
        .set({
          response_status: answer.status,
          response_body: JSON.stringify(answer.body),
          completed_at: now().toISOString(),
        })
        .executeTakeFirst();
      // The claim was taken over meanwhile: this effect must not land twice.
      if (Number(recorded.numUpdatedRows) !== 1) throw inFlight(context.claimMs);
      return { ...answer, replayed: false };
    });
  } catch (error) {
    await db
      .deleteFrom('idempotency_keys')
      .where('account_id', '=', call.accountId)
      .where('key', '=', call.key)
      .where('claim_id', '=', claimed.claimId)
      .where('completed_at', 'is', null)
      .execute();
    throw error;
  }
}

type Claim = { claimId: string } | { replay: Answer<unknown> };

async function claim(
  { db, now, claimMs }: IdempotencyContext,
  call: IdempotentCall,
  fingerprint: string,
): Promise<Claim> {
  for (;;) {
    const claimId = randomUUID();
    const at = now();
    const row = await db
      .selectFrom('idempotency_keys')
      .selectAll()
      .where('account_id', '=', call.accountId)
      .where('key', '=', call.key)
      .executeTakeFirst();
    if (!row) {
      try {
        await db
          .insertInto('idempotency_keys')
          .values({
            account_id: call.accountId,
            key: call.key,
            operation: call.operation,
            fingerprint,
            claim_id: claimId,
            claimed_at: at.toISOString(),
            response_status: null,
            response_body: null,
            completed_at: null,
          })
          .execute();
        return { claimId };
      } catch (error) {
        // Another request with this key claimed it a moment ago: look again.
        if (isUniqueViolation(error)) continue;
        throw error;
      }
    }
    if (row.operation !== call.operation || row.fingerprint !== fingerprint) {
      throw new CentralHttpError(422, 'idempotency_key_reused', idempotencyMessages.reused);
    }
    if (row.completed_at !== null) {
      return {
        replay: {
          status: Number(row.response_status),
          body: JSON.parse(row.response_body ?? 'null'),
        },
      };
    }
    const heldFor = at.getTime() - Date.parse(row.claimed_at);
    if (heldFor < claimMs) throw inFlight(claimMs - heldFor);
    const taken = await db
      .updateTable('idempotency_keys')
      .set({ claim_id: claimId, claimed_at: at.toISOString() })
      .where('account_id', '=', call.accountId)
      .where('key', '=', call.key)
      .where('claim_id', '=', row.claim_id)
      .where('completed_at', 'is', null)
      .executeTakeFirst();
    if (Number(taken.numUpdatedRows) === 1) return { claimId };
  }
}

function inFlight(waitMs: number): CentralHttpError {
  return new CentralHttpError(409, 'idempotency_in_flight', idempotencyMessages.inFlight, {
    retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)),
  });
}

/** "The same body": the operation and its input, with object keys in a canonical order. */
export function fingerprintOf(call: Pick<IdempotentCall, 'operation' | 'input'>): string {
  return createHash('sha256')
    .update(JSON.stringify([call.operation, canonical(call.input)]))
    .digest('hex');
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, canonical((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

import { CentralError } from '../sync/central-client.js';

/**
 * What to do after a delivery attempt failed:
 * - `retry` later: the link or the central is having a bad moment (network, timeout, 5xx, 429,
 *   an upload protocol conflict, an idempotent replay still running);
 * - `reject`: the central refused this item for good (another 4xx); it is kept with the reason for
 *   staff and never blocks the items behind it;
 * - `reauth`: the delivery credential is no longer accepted (401); a new one needs the customer's
 *   session, or staff.
 */
export type Verdict =
  | { action: 'retry'; reason: string; afterSeconds?: number; linkDown: boolean }
  | { action: 'reject'; reason: string }
  | { action: 'reauth'; reason: string };

const retryableConflicts = new Set(['idempotency_in_flight', 'offset_mismatch']);

export function classify(error: unknown): Verdict {
  if (!(error instanceof CentralError)) {
    return { action: 'reject', reason: `Error del kiosco: ${describe(error)}` };
  }
  switch (error.kind) {
    case 'network':
    case 'timeout':
      return { action: 'retry', reason: error.message, linkDown: true };
    case 'contract':
      // A central of another version: it may be updated, so the item waits rather than dies.
      return { action: 'retry', reason: error.message, linkDown: false };
    case 'http':
      return classifyStatus(error);
  }
}

function classifyStatus(error: CentralError): Verdict {
  const status = error.status ?? 0;
  const reason = `${status} ${error.body?.code ?? ''} ${error.message}`.replace(/\s+/g, ' ').trim();
  if (status === 401) return { action: 'reauth', reason };
  if (status === 429 || status >= 500 || status === 460 || status === 408) {
    return {
      action: 'retry',
      reason,
      linkDown: false,
      ...(error.retryAfterSeconds !== undefined && { afterSeconds: error.retryAfterSeconds }),
    };
  }
  if (status === 409 && retryableConflicts.has(error.body?.code ?? '')) {
    return { action: 'retry', reason, linkDown: false };
  }
  return { action: 'reject', reason };
}

export type BackoffPolicy = { baseMs: number; capMs: number };

export const backoffPolicy: BackoffPolicy = { baseMs: 2_000, capMs: 10 * 60_000 };

/**
 * Exponential backoff with "equal jitter": half of the delay is fixed and half random, so the
 * kiosks of a branch that lost its link together do not all come back in the same second. A
 * server's Retry-After is a floor.
 */
export function retryDelayMs(
  attempts: number,
  random: () => number,
  afterSeconds?: number,
  policy: BackoffPolicy = backoffPolicy,
): number {
  const exponential = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempts - 1));
  const jittered = exponential / 2 + random() * (exponential / 2);
  return Math.max(jittered, (afterSeconds ?? 0) * 1000);
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

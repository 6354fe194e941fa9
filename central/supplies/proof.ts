import type { z } from 'zod';
import type { LinkSupplyRequest } from '../../src/contract/index.js';
import { blockedFor, recordFailure } from '../accounts/counters.js';
import { CentralHttpError } from '../http-errors.js';
import type { SuppliesContext } from './context.js';
import { supplyMessages } from './messages.js';
import { suppliesForNumber, type SupplyWithHolder } from './store.js';

/** What a customer shows to prove they are a supply's holder (from the invoice and their DNI). */
export type HolderProof = z.output<typeof LinkSupplyRequest>;

/** Who is trying: the kiosk (address + kiosk id) and, when signed in, the account. */
export type Prover = { kiosk: string; address: string; accountId?: string };

/**
 * Linking a supply and looking up an invoice without an account share one proof and one set of
 * counters, so guessing cannot move from one to the other. Only failures count.
 */
const keys = (prover: Prover) => [
  `supply-proof:kiosk:${prover.kiosk}`,
  `supply-proof:address:${prover.address}`,
  ...(prover.accountId === undefined ? [] : [`supply-proof:account:${prover.accountId}`]),
];

/**
 * The supply the proof is for, when supply (or invoice) number, holder's document and birth
 * date all match. Any mismatch gets the same answer, whichever field was wrong and whether the
 * number exists or not, so the answer cannot be used to learn who holds which supply.
 */
export async function proveHolder(
  context: SuppliesContext,
  proof: HolderProof,
  prover: Prover,
): Promise<SupplyWithHolder> {
  const { db, config } = context;
  const now = context.now();
  const wait = await blockedFor(db, keys(prover), now);
  if (wait > 0) throw tooManyAttempts(wait);

  const candidates = await suppliesForNumber(db, proof.supplyOrInvoiceNumber);
  const match = candidates.find(
    (supply) =>
      supply.holder_document_type === proof.documentType &&
      supply.holder_document_number === proof.documentNumber &&
      supply.holder_birth_date === proof.birthDate,
  );
  if (match) return match;

  const { windowMs, accountFailures, kioskFailures, addressFailures } = config.proofThrottle;
  const untilWindowEnds = (_over: number, windowEnd: Date) => windowEnd.getTime() - now.getTime();
  const rule = (limit: number) => ({ windowMs, limit, blockMs: untilWindowEnds });
  const [kioskKey, addressKey, accountKey] = keys(prover);
  await recordFailure(db, kioskKey!, rule(kioskFailures), now);
  await recordFailure(db, addressKey!, rule(addressFailures), now);
  if (accountKey !== undefined) await recordFailure(db, accountKey, rule(accountFailures), now);
  throw new CentralHttpError(422, 'supply_not_matched', supplyMessages.notMatched);
}

function tooManyAttempts(seconds: number): CentralHttpError {
  return new CentralHttpError(429, 'too_many_attempts', supplyMessages.tooManyAttempts(seconds), {
    retryAfterSeconds: seconds,
  });
}

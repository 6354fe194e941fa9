import type { z } from 'zod';
import type {
  Activated,
  ActivationRequest,
  ActivationResent,
  EmailOnly,
} from '../../src/contract/index.js';
import { CentralHttpError } from '../http-errors.js';
import { messages } from '../messages.js';
import { findAccountByEmail, markActivated } from './account-store.js';
import { codeRefusal } from './code-errors.js';
import { mailKeys, mailLimits, type AccountsContext } from './context.js';
import { claimMailSlot } from './counters.js';
import { sendActivation } from './registration.js';
import { useCode, useLink, type CodeCheck } from './verification-codes.js';

/** Activation with the code typed at the kiosk. */
export async function activate(
  context: AccountsContext,
  { email, code }: z.output<typeof ActivationRequest>,
): Promise<z.output<typeof Activated>> {
  const { db, config, now } = context;
  const account = await findAccountByEmail(db, email);
  const check = await db.transaction().execute(async (trx) => {
    const result = await useCode(trx, account?.id, 'activation', code, config, now());
    if (result.outcome === 'accepted') await markActivated(trx, result.accountId, now());
    return result;
  });
  if (check.outcome !== 'accepted') throw codeRefusal('activation', check.outcome);
  return { activated: true };
}

/** Activation from the mail's link (the page `/activar`). */
export async function activateByLink(
  context: AccountsContext,
  linkToken: string,
): Promise<CodeCheck['outcome']> {
  const { db, config, now } = context;
  const check = await db.transaction().execute(async (trx) => {
    const result = await useLink(trx, 'activation', linkToken, config, now());
    if (result.outcome === 'accepted') await markActivated(trx, result.accountId, now());
    return result;
  });
  return check.outcome;
}

/**
 * "Reenviar": a new code, which replaces the one before. The cooldown is kept per email whether
 * or not it has an account, and an unknown or already active email gets the same answer with no
 * mail: the answer never tells whether an account exists.
 */
export async function resendActivation(
  context: AccountsContext,
  { email }: z.output<typeof EmailOnly>,
): Promise<z.output<typeof ActivationResent>> {
  const { db, config, now } = context;
  const wait = await claimMailSlot(db, mailKeys.activation(email), mailLimits(context), now());
  if (wait > 0) {
    throw new CentralHttpError(429, 'resend_cooldown', messages.accounts.resendCooldown(wait), {
      retryAfterSeconds: wait,
    });
  }
  const account = await findAccountByEmail(db, email);
  if (account && account.activated_at === null) await sendActivation(context, account);
  return { email, retryAfterSeconds: Math.ceil(config.resendCooldownMs / 1000) };
}

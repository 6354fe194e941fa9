import type { z } from 'zod';
import type {
  EmailOnly,
  PasswordChanged,
  PasswordResetConfirm,
  PasswordResetRequested,
} from '../../src/contract/index.js';
import { findAccountByEmail, markActivated, setPasswordHash } from './account-store.js';
import { codeRefusal } from './code-errors.js';
import { mailKeys, mailLimits, type AccountsContext } from './context.js';
import { claimMailSlot } from './counters.js';
import { refuseCommonPassword } from './password-policy.js';
import { endEverySession } from './sessions.js';
import { clearAfterPasswordReset } from './throttle.js';
import { mailCode } from './registration.js';
import { useCode } from './verification-codes.js';

/**
 * "¿Olvidó su contraseña?": always the same 202 `{ email }`. A mail with a code and a link goes
 * only to an existing account, at most once per cooldown. An account not activated yet gets it
 * too: the code proves the mailbox just as activation does, so the reset activates it; that is
 * how someone who forgot the password before activating, or whose email was registered by
 * someone else, gets the account back.
 */
export async function requestPasswordReset(
  context: AccountsContext,
  { email }: z.output<typeof EmailOnly>,
): Promise<z.output<typeof PasswordResetRequested>> {
  const { db, now } = context;
  const wait = await claimMailSlot(db, mailKeys.passwordReset(email), mailLimits(context), now());
  const account = wait === 0 ? await findAccountByEmail(db, email) : undefined;
  if (account) {
    await db.transaction().execute((trx) => mailCode(context, trx, account, 'password_reset'));
  }
  return { email };
}

/**
 * A new password with the mailed code. Nothing changes unless the code is right and live; then,
 * in one transaction, the password is re-hashed, the code used up and every session of the
 * account ended, on every kiosk.
 */
export async function resetPassword(
  context: AccountsContext,
  { email, code, password }: z.output<typeof PasswordResetConfirm>,
): Promise<z.output<typeof PasswordChanged>> {
  const { db, config, now } = context;
  refuseCommonPassword(password);
  const account = await findAccountByEmail(db, email);
  // Hashed before the transaction, so the transaction stays short; thrown away if refused.
  const passwordHash = await context.hasher.hash(password);
  const check = await db.transaction().execute(async (trx) => {
    const result = await useCode(trx, account?.id, 'password_reset', code, config, now());
    if (result.outcome === 'accepted') {
      await setPasswordHash(trx, result.accountId, passwordHash);
      await endEverySession(trx, result.accountId, now());
      await markActivated(trx, result.accountId, now());
    }
    return result;
  });
  if (check.outcome !== 'accepted') throw codeRefusal('password_reset', check.outcome);
  await clearAfterPasswordReset(db, email);
  return { changed: true };
}

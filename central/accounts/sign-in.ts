import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { SessionGranted, SignInRequest } from '../../src/contract/index.js';
import { CentralHttpError } from '../http-errors.js';
import { messages } from '../messages.js';
import { findAccountByEmail, setPasswordHash, toProfile } from './account-store.js';
import type { AccountsContext } from './context.js';
import type { PasswordHasher } from './password-hashing.js';
import { startSession } from './sessions.js';
import {
  clearAfterSignIn,
  kioskOf,
  recordSignInFailure,
  waitBeforeSignIn,
  type SignInAttempt,
} from './throttle.js';

/**
 * "Iniciar Sesión". A wrong email and a wrong password get the same answer, and an unknown email
 * still costs one argon2 verification (against a hash of nothing anyone knows), so neither the
 * answer nor its timing tells whether the email has an account. Only the right password learns
 * that the account is not activated yet.
 */
export async function signIn(
  context: AccountsContext,
  { email, password }: z.output<typeof SignInRequest>,
  request: FastifyRequest,
): Promise<z.output<typeof SessionGranted>> {
  const { db, hasher, config, now } = context;
  const attempt: SignInAttempt = { email, ...kioskOf(request) };
  const wait = await waitBeforeSignIn(db, attempt, now());
  if (wait > 0) {
    throw new CentralHttpError(429, 'too_many_attempts', messages.accounts.tooManyAttempts(wait), {
      retryAfterSeconds: wait,
    });
  }

  const account = await findAccountByEmail(db, email);
  const stored = account?.password_hash ?? (await decoyHash(hasher));
  const right = (await hasher.verify(stored, password)) && account !== undefined;
  if (!right) {
    await recordSignInFailure(db, attempt, config.throttle, now());
    throw new CentralHttpError(401, 'invalid_credentials', messages.accounts.invalidCredentials);
  }
  await clearAfterSignIn(db, attempt);
  if (account.activated_at === null) {
    throw new CentralHttpError(403, 'account_not_activated', messages.accounts.notActivated);
  }
  // Parameters raised since this hash was made: the password is at hand only now.
  if (hasher.needsRehash(account.password_hash)) {
    await setPasswordHash(db, account.id, await hasher.hash(password));
  }
  const session = await startSession(
    db,
    account.id,
    attempt.kiosk,
    config.sessionLifetimeMs,
    now(),
  );
  return {
    token: session.token,
    expiresAt: session.expiresAt.toISOString(),
    account: toProfile(account),
  };
}

/** One per hasher, made once: verifying against it costs what verifying a real hash costs. */
const decoys = new WeakMap<PasswordHasher, Promise<string>>();

export function decoyHash(hasher: PasswordHasher): Promise<string> {
  let decoy = decoys.get(hasher);
  if (!decoy) {
    decoy = hasher.hash(`decoy-${crypto.randomUUID()}`);
    decoys.set(hasher, decoy);
  }
  return decoy;
}

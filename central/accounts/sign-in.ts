import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { SessionGranted, SignInRequest } from '../../src/contract/index.js';
import { CentralHttpError } from '../http-errors.js';
import { messages } from '../messages.js';
import { findAccountByEmail, setPasswordHash, toProfile } from './account-store.js';
import type { AccountsContext } from './context.js';
import type { PasswordHasher } from './password-hashing.js';
import { startSession } from './sessions.js';
import { enqueueMail } from '../mail/outbox.js';
import { readLetterhead } from './letterhead.js';
import type { CentralDb } from '../db/index.js';
import type { ThrottleConfig } from './config.js';
import { customerUnlock, signInLockedNotice } from './mails.js';
import { kioskOf, throttledCheck, type SignInAttempt } from './throttle.js';

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
  const found = await findAccountByEmail(db, email);
  const account = await checkPassword(
    { db, hasher, now, throttle: config.throttle },
    attempt,
    password,
    found && { row: found, firstName: found.first_name, whatToDo: customerUnlock },
  );
  if (!account) {
    throw new CentralHttpError(401, 'invalid_credentials', messages.accounts.invalidCredentials);
  }
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

/** Who a password is checked against: the row, and how its owner is greeted if locked out. */
export type PasswordOwner<T> = { row: T; firstName: string; whatToDo: string };

/**
 * The password check of a sign-in, under the throttle (`throttledCheck`): against the owner's
 * hash, or a decoy's when the email has none (the same cost). Answers the owner's row when
 * right; when a wrong one fills the account's own limit the owner is mailed until when nobody
 * may sign in, and `whatToDo`.
 */
export function checkPassword<T extends { email: string; password_hash: string }>(
  context: { db: CentralDb; hasher: PasswordHasher; now: () => Date; throttle: ThrottleConfig },
  attempt: SignInAttempt,
  password: string,
  owner: PasswordOwner<T> | undefined,
): Promise<T | undefined> {
  const { db, hasher } = context;
  return throttledCheck(
    db,
    attempt,
    context.throttle,
    context.now,
    async () => {
      const stored = owner?.row.password_hash ?? (await decoyHash(hasher));
      return (await hasher.verify(stored, password)) ? owner?.row : undefined;
    },
    async (until) => {
      if (!owner) return;
      const to = { email: owner.row.email, firstName: owner.firstName };
      const notice = signInLockedNotice(to, until, owner.whatToDo, await readLetterhead(db));
      await enqueueMail(db, notice);
    },
  );
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

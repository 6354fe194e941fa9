import type { z } from 'zod';
import type { Registration, RegistrationAccepted } from '../../src/contract/index.js';
import { isUniqueViolation, type CentralDb } from '../db/index.js';
import {
  findAccountByDocument,
  findAccountByEmail,
  insertAccount,
  type Account,
} from './account-store.js';
import { linkTo, mailKeys, mailLimits, validMinutes, type AccountsContext } from './context.js';
import { claimCooldown, claimMailSlot } from './counters.js';
import { readLetterhead } from './letterhead.js';
import { enqueueMail } from '../mail/outbox.js';
import { activationMail, documentTakenNotice, emailTakenNotice, recoveryMail } from './mails.js';
import { refuseCommonPassword } from './password-policy.js';
import { issueCode } from './verification-codes.js';

type RegistrationInput = z.output<typeof Registration>;

/**
 * "Registrarse". The answer is the same 202 `{ email }` whether the account is new or its email
 * or document was already registered, so nobody can probe who has an account. The work behind
 * it is kept alike: the password is always hashed (argon2id is by far the slowest step), the
 * activation cooldown is always claimed, and every mail goes to the outbox and is sent by it
 * later, so neither the answer nor its timing depends on which mail, if any, went out. The real owner of a taken
 * email or document is told by mail instead.
 */
export async function register(
  context: AccountsContext,
  input: RegistrationInput,
): Promise<z.output<typeof RegistrationAccepted>> {
  refuseCommonPassword(input.password);
  const { db, now } = context;
  const passwordHash = await context.hasher.hash(input.password);
  // Claimed on every path: "Reenviar" right after registering waits the same for everyone.
  await claimMailSlot(db, mailKeys.activation(input.email), mailLimits(context), now());

  let byEmail = await findAccountByEmail(db, input.email);
  let byDocument = await findAccountByDocument(db, input.documentType, input.documentNumber);
  if (!byEmail && !byDocument) {
    try {
      // The account, its first code and that code's mail stand or fall together.
      await db.transaction().execute(async (trx) => {
        const account = await insertAccount(trx, { ...input, passwordHash }, now());
        await mailCode(context, trx, account, 'activation');
      });
      return { email: input.email };
    } catch (error) {
      // Another registration with the same email or document won the race: a taken one now.
      if (!isUniqueViolation(error)) throw error;
      byEmail = await findAccountByEmail(db, input.email);
      byDocument = await findAccountByDocument(db, input.documentType, input.documentNumber);
    }
  }

  if (byEmail) await notify(context, byEmail, 'email');
  if (byDocument && byDocument.id !== byEmail?.id) await notify(context, byDocument, 'document');
  return { email: input.email };
}

/** A new activation code (older ones stop working) and its mail, in one transaction. */
export async function sendActivation(
  context: AccountsContext,
  account: Pick<Account, 'id' | 'email' | 'first_name'>,
): Promise<void> {
  await context.db.transaction().execute((trx) => mailCode(context, trx, account, 'activation'));
}

const codeMails = {
  activation: { page: '/activar', compose: activationMail },
  password_reset: { page: '/recuperar', compose: recoveryMail },
} as const;

/**
 * Issues a code of `purpose` and writes its mail to the outbox, in the caller's transaction
 * `trx`: the code is never live without its mail on the way, even when the mail server is down.
 */
export async function mailCode(
  context: AccountsContext,
  trx: CentralDb,
  account: Pick<Account, 'id' | 'email' | 'first_name'>,
  purpose: keyof typeof codeMails,
): Promise<void> {
  const { page, compose } = codeMails[purpose];
  const issued = await issueCode(trx, account.id, purpose, context.config, context.now());
  const mail = compose(
    { email: account.email, firstName: account.first_name },
    {
      code: issued.code,
      link: linkTo(context, page, issued.linkToken),
      validMinutes: validMinutes(context),
    },
    await readLetterhead(trx),
  );
  await enqueueMail(trx, mail);
}

/**
 * Tells an account's owner someone tried to register with their email or document. At most one
 * notice per cooldown, so repeated attempts cannot flood their mailbox.
 */
async function notify(
  context: AccountsContext,
  owner: Account,
  what: 'email' | 'document',
): Promise<void> {
  await context.db.transaction().execute(async (trx) => {
    const wait = await claimCooldown(
      trx,
      mailKeys.notice(owner.email),
      context.config.noticeCooldownMs,
      context.now(),
    );
    if (wait > 0) return;
    const head = await readLetterhead(trx);
    const to = { email: owner.email, firstName: owner.first_name };
    await enqueueMail(
      trx,
      what === 'email' ? emailTakenNotice(to, head) : documentTakenNotice(to, head),
    );
  });
}

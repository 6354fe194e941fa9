import type { RequestState } from '../../src/contract/index.js';
import { readLetterhead } from '../accounts/letterhead.js';
import { escapeHtml, type Letterhead } from '../accounts/mails.js';
import type { FastifyBaseLogger } from 'fastify';
import type { CentralDb } from '../db/index.js';
import type { Mailer, OutgoingMail } from '../mail/mailer.js';
import { nextSteps, stateLabels } from './messages.js';
import { findRequestType, type RequestRow } from './store.js';

export type StateChangeMail = {
  number: string;
  title: string;
  state: RequestState;
  message: string;
  /** For `observado`: the title of the step to redo. */
  stepTitle: string | null;
};

/**
 * "COPELCO - Tu trámite T-2026-000123 cambió de estado": the new state, the cooperative's message
 * and what the customer has to do now, in plain text and the same in simple HTML.
 */
export function stateChangeMail(
  to: { email: string; firstName: string },
  change: StateChangeMail,
  head: Letterhead,
): OutgoingMail {
  const paragraphs = [
    `Hola, ${to.firstName}:`,
    `Tu trámite ${change.number} («${change.title}») ahora está: ${stateLabels[change.state]}.`,
    `Mensaje de ${head.cooperativeName}: ${change.message}`,
    `Qué tenés que hacer: ${nextSteps[change.state](change.stepTitle)}`,
  ];
  if (head.supportPhone) paragraphs.push(`Ante cualquier duda llamanos al ${head.supportPhone}.`);
  return {
    to: to.email,
    subject: `${head.cooperativeName} - Tu trámite ${change.number} cambió de estado`,
    text: [...paragraphs, `—\n${head.fullName}`].join('\n\n') + '\n',
    html:
      `<!doctype html><html lang="es-AR"><body style="font-family:sans-serif;font-size:16px">` +
      paragraphs.map((paragraph) => `<p>${escapeHtml(paragraph)}</p>`).join('') +
      `<p>— ${escapeHtml(head.fullName)}</p></body></html>`,
  };
}

/**
 * Mails the customer about the state `row` is now in. Sent in the background once the change is
 * committed: the change stands even when the mail server is down (the notification is in-app).
 */
export async function mailStateChange(
  db: CentralDb,
  mailer: Mailer,
  row: RequestRow,
): Promise<void> {
  const account = await db
    .selectFrom('accounts')
    .select(['email', 'first_name'])
    .where('id', '=', row.account_id)
    .executeTakeFirstOrThrow();
  const lastChange = await db
    .selectFrom('request_history')
    .select(['message', 'step_id'])
    .where('request_id', '=', row.id)
    .orderBy('position', 'desc')
    .limit(1)
    .executeTakeFirstOrThrow();
  const type = await findRequestType(db, row.request_type_id);
  const step = type?.steps.find((candidate) => candidate.id === lastChange.step_id);
  mailer.post(
    stateChangeMail(
      { email: account.email, firstName: account.first_name },
      {
        number: row.number,
        title: row.title,
        state: row.state as RequestState,
        message: lastChange.message,
        stepTitle: step?.title ?? lastChange.step_id,
      },
      await readLetterhead(db),
    ),
  );
}

/**
 * The mail of a change, once committed. A failure to compose it (the database went away just
 * then) is logged: the change itself stands and the customer sees it in "Mis trámites".
 */
export async function mailAfterCommit(
  db: CentralDb,
  mailer: Mailer,
  row: RequestRow | undefined,
  log: FastifyBaseLogger,
): Promise<void> {
  if (!row) return;
  try {
    await mailStateChange(db, mailer, row);
  } catch (error) {
    log.error({ err: error }, 'state change mail could not be composed');
  }
}

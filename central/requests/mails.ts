import type { RequestState } from '../../src/contract/index.js';
import { readLetterhead } from '../accounts/letterhead.js';
import { escapeHtml, type Letterhead } from '../accounts/mails.js';
import type { CentralDb } from '../db/index.js';
import type { OutgoingMail } from '../mail/mailer.js';
import { enqueueMail } from '../mail/outbox.js';
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
 * Writes the mail about the state `row` has just moved to, in the transaction of that change:
 * the outbox sends it once the change is committed, and keeps trying while the mail server is
 * down (the notification is in "Mis trámites" meanwhile).
 */
export async function mailStateChange(
  trx: CentralDb,
  row: RequestRow,
  change: { message: string; stepId: string | null },
): Promise<void> {
  const account = await trx
    .selectFrom('accounts')
    .select(['email', 'first_name'])
    .where('id', '=', row.account_id)
    .executeTakeFirstOrThrow();
  const type = await findRequestType(trx, row.request_type_id);
  const step = type?.steps.find((candidate) => candidate.id === change.stepId);
  await enqueueMail(
    trx,
    stateChangeMail(
      { email: account.email, firstName: account.first_name },
      {
        number: row.number,
        title: row.title,
        state: row.state as RequestState,
        message: change.message,
        stepTitle: step?.title ?? change.stepId,
      },
      await readLetterhead(trx),
    ),
  );
}

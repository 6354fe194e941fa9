import type {
  AnswerObservation,
  RequestDetail,
  RequestFieldValues,
} from '../../src/contract/index.js';
import type { CentralDb } from '../db/index.js';
import { answerPageRange } from '../../src/domain/request-fields.js';
import { CentralHttpError } from '../http-errors.js';
import { checkAttachments } from './attachments.js';
import type { RequestsContext } from './context.js';
import { spendDeliveryToken, type CustomerAuth } from './delivery-tokens.js';
import { checkStepFields } from './fields.js';
import { requestMessages } from './messages.js';
import { customerDetail, findRequest, findRequestType, type RequestRow } from './store.js';
import { changeState } from './transitions.js';

/**
 * The customer answers an observation by redoing the step it names: new values for a `fields`
 * step (they replace that step's), new files for a `requirement` step (a new round: the old
 * files stay in the history for staff). The request goes back to "en revisión". Runs inside the
 * caller's transaction, which records the idempotency key.
 */
export async function answerObservation(
  context: RequestsContext,
  trx: CentralDb,
  auth: CustomerAuth,
  requestId: string,
  body: AnswerObservation,
  key: string,
): Promise<{ detail: RequestDetail; row: RequestRow }> {
  const accountId = auth.account.id;
  let row = await findRequest(trx, requestId, accountId);
  if (row.state !== 'observado') {
    throw new CentralHttpError(409, 'not_observed', requestMessages.notObserved);
  }
  const type = await findRequestType(trx, row.request_type_id);
  const step = type?.steps.find((candidate) => candidate.id === row.pending_step_id);
  if (!type || !step) {
    throw new CentralHttpError(
      422,
      'step_not_redoable',
      requestMessages.stepNotRedoable(row.pending_step_id ?? ''),
    );
  }
  if (body.stepId !== step.id) {
    throw new CentralHttpError(422, 'wrong_step', requestMessages.wrongStep(step.title), {
      field: 'stepId',
    });
  }

  if (step.kind === 'fields' && body.fields) {
    const fields = JSON.parse(row.fields) as Record<string, unknown>;
    fields[step.id] = checkStepFields(step, body.fields);
    row = { ...row, fields: JSON.stringify(fields) };
    await trx
      .updateTable('requests')
      .set({ fields: row.fields })
      .where('id', '=', row.id)
      .execute();
  } else if (step.kind === 'requirement' && body.attachments) {
    const requirement = type.requirements.find((candidate) => candidate.id === step.requirementId);
    if (!requirement) {
      throw new CentralHttpError(
        422,
        'step_not_redoable',
        requestMessages.stepNotRedoable(step.id),
      );
    }
    // New photos of the step as the request's data asks for them, and never none.
    const files = await checkAttachments(
      trx,
      accountId,
      [requirement],
      { [requirement.id]: body.attachments },
      JSON.parse(row.fields) as RequestFieldValues,
      answerPageRange,
    );
    const last = await trx
      .selectFrom('request_attachments')
      .select((eb) => eb.fn.max('round').as('round'))
      .where('request_id', '=', row.id)
      .executeTakeFirst();
    const round = Number(last?.round ?? 0) + 1;
    await trx
      .insertInto('request_attachments')
      .values(files.map((file) => ({ ...file, request_id: row.id, round })))
      .execute();
  } else {
    throw new CentralHttpError(422, 'answer_missing', requestMessages.answerMissing);
  }

  const now = context.now();
  await spendDeliveryToken(trx, auth, key, now);
  const changed = await changeState(
    trx,
    row,
    {
      to: 'en-revision',
      message: requestMessages.answered,
      stepId: step.id,
      actor: 'customer',
      staffId: null,
    },
    now,
  );
  return { detail: await customerDetail(trx, changed), row: changed };
}

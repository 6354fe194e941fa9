import { randomUUID } from 'node:crypto';
import { requestTransitions, type RequestState } from '../../src/contract/index.js';
import type { CentralDb } from '../db/index.js';
import { CentralHttpError } from '../http-errors.js';
import { mailStateChange } from './mails.js';
import { requestMessages, stateLabels } from './messages.js';
import type { RequestRow } from './store.js';

export type StateChangeInput = {
  to: RequestState;
  /** For the customer, in Spanish. */
  message: string;
  /** For `observado`: the step to redo. */
  stepId: string | null;
  actor: 'staff' | 'customer';
  staffId: string | null;
};

/** 409 unless the state machine allows going from `from` to `to`. */
export function checkTransition(from: RequestState, to: RequestState): void {
  if (!requestTransitions[from].includes(to)) {
    throw new CentralHttpError(
      409,
      'invalid_transition',
      requestMessages.invalidTransition(stateLabels[from], stateLabels[to]),
    );
  }
}

/**
 * Moves a request to a new state inside the caller's transaction: the history gets the change
 * and the customer a notification (read already when the change is their own answer), or nothing
 * happens. The update is conditional on the state
 * read before, so of two changes racing from the same state only one lands (409 for the other).
 * The customer's mail goes to the outbox in the same transaction.
 */
export async function changeState(
  trx: CentralDb,
  row: RequestRow,
  change: StateChangeInput,
  now: Date,
): Promise<RequestRow> {
  const from = row.state as RequestState;
  checkTransition(from, change.to);
  const at = now.toISOString();
  const pendingStepId = change.to === 'observado' ? change.stepId : null;
  const updated = await trx
    .updateTable('requests')
    .set({ state: change.to, pending_step_id: pendingStepId, updated_at: at })
    .where('id', '=', row.id)
    .where('state', '=', from)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) {
    throw new CentralHttpError(409, 'concurrent_change', requestMessages.concurrentChange);
  }
  const last = await trx
    .selectFrom('request_history')
    .select((eb) => eb.fn.max('position').as('position'))
    .where('request_id', '=', row.id)
    .executeTakeFirst();
  const position = Number(last?.position ?? -1) + 1;
  await trx
    .insertInto('request_history')
    .values({
      request_id: row.id,
      position,
      state: change.to,
      message: change.message,
      step_id: change.stepId,
      actor: change.actor,
      staff_id: change.staffId,
      at,
    })
    .execute();
  await trx
    .insertInto('notifications')
    .values({
      id: randomUUID(),
      request_id: row.id,
      account_id: row.account_id,
      history_position: position,
      state: change.to,
      message: change.message,
      step_id: change.stepId,
      created_at: at,
      // The customer's own answer is in the history, but no news to them.
      read_at: change.actor === 'customer' ? at : null,
    })
    .execute();
  const changed = { ...row, state: change.to, pending_step_id: pendingStepId, updated_at: at };
  await mailStateChange(trx, changed, change);
  return changed;
}

import type { Selectable } from 'kysely';
import {
  Notification,
  RequestFieldValues,
  RequestState,
  RequestType,
  type Attachment,
  type RequestDetail,
  type RequestSummary,
  type StateChange,
} from '../../src/contract/index.js';
import type { CentralDb } from '../db/index.js';
import type { RequestTable } from '../db/schema.js';
import { CentralHttpError } from '../http-errors.js';
import { requestMessages } from './messages.js';

export type RequestRow = Selectable<RequestTable>;

/** The request type as the catalogue has it now. */
export async function findRequestType(db: CentralDb, id: string): Promise<RequestType | undefined> {
  const row = await db
    .selectFrom('request_types')
    .select('definition')
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? RequestType.parse(JSON.parse(row.definition)) : undefined;
}

/** A request, of the account when one is given (another account's is "not found", not 403). */
export async function findRequest(
  db: CentralDb,
  id: string,
  accountId?: string,
): Promise<RequestRow> {
  let query = db.selectFrom('requests').selectAll().where('id', '=', id);
  if (accountId !== undefined) query = query.where('account_id', '=', accountId);
  const row = await query.executeTakeFirst();
  if (!row) throw new CentralHttpError(404, 'request_not_found', requestMessages.notFound);
  return row;
}

export function toSummary(row: RequestRow, unreadNotifications: number): RequestSummary {
  return {
    id: row.id,
    number: row.number,
    requestTypeId: row.request_type_id,
    title: row.title,
    state: RequestState.parse(row.state),
    supplyNumber: row.supply_number,
    kioskId: row.kiosk_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    pendingStepId: row.pending_step_id,
    unreadNotifications,
  };
}

export async function unreadCounts(
  db: CentralDb,
  requestIds: string[],
): Promise<Map<string, number>> {
  if (requestIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('notifications')
    .select((eb) => ['request_id', eb.fn.countAll().as('unread')])
    .where('request_id', 'in', requestIds)
    .where('read_at', 'is', null)
    .groupBy('request_id')
    .execute();
  return new Map(rows.map((row) => [row.request_id, Number(row.unread)]));
}

export async function attachmentsOf(db: CentralDb, requestId: string): Promise<Attachment[]> {
  const rows = await db
    .selectFrom('request_attachments')
    .selectAll()
    .where('request_id', '=', requestId)
    .orderBy('round')
    .orderBy('requirement_id')
    .orderBy('position')
    .execute();
  return rows.map((row) => ({
    requirementId: row.requirement_id,
    sha256: row.sha256,
    size: row.size,
    pages: row.pages,
    round: row.round,
  }));
}

export type HistoryEntry = StateChange & { staffEmail: string | null };

export async function historyOf(db: CentralDb, requestId: string): Promise<HistoryEntry[]> {
  const rows = await db
    .selectFrom('request_history')
    .leftJoin('staff_members', 'staff_members.id', 'request_history.staff_id')
    .selectAll('request_history')
    .select('staff_members.email as staff_email')
    .where('request_history.request_id', '=', requestId)
    .orderBy('request_history.position')
    .execute();
  return rows.map((row) => ({
    state: RequestState.parse(row.state),
    message: row.message,
    stepId: row.step_id,
    by: row.actor === 'staff' ? 'staff' : row.actor === 'customer' ? 'customer' : 'system',
    at: row.at,
    staffEmail: row.staff_email,
  }));
}

export async function notificationsOf(db: CentralDb, requestId: string): Promise<Notification[]> {
  const rows = await db
    .selectFrom('notifications')
    .selectAll()
    .where('request_id', '=', requestId)
    .orderBy('history_position')
    .execute();
  return rows.map((row) =>
    Notification.parse({
      id: row.id,
      requestId: row.request_id,
      state: row.state,
      message: row.message,
      stepId: row.step_id,
      createdAt: row.created_at,
      readAt: row.read_at,
    }),
  );
}

/** A request as its customer sees it: the history without who on the staff moved it. */
export async function customerDetail(db: CentralDb, row: RequestRow): Promise<RequestDetail> {
  const notifications = await notificationsOf(db, row.id);
  const history = await historyOf(db, row.id);
  return {
    ...toSummary(row, notifications.filter((notification) => !notification.readAt).length),
    fields: RequestFieldValues.parse(JSON.parse(row.fields)),
    attachments: await attachmentsOf(db, row.id),
    history: history.map(({ staffEmail: _staffEmail, ...change }) => change),
    notifications,
  };
}

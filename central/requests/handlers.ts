import type { FastifyReply } from 'fastify';
import { idempotentReplayHeader, type RequestDetail } from '../../src/contract/index.js';
import { runIdempotent, type Outcome } from '../idempotency/idempotency.js';
import type { CentralHandlers } from '../routes.js';
import { answerObservation } from './answers.js';
import type { RequestsContext } from './context.js';
import { checkDeliveryScope, issueDeliveryToken, type CustomerAuth } from './delivery-tokens.js';
import { customerDetail, findRequest, toSummary, unreadCounts, type RequestRow } from './store.js';
import { submitRequest } from './submit.js';

export type CustomerRequestRoute =
  | 'issueDeliveryToken'
  | 'submitRequest'
  | 'listMyRequests'
  | 'getMyRequest'
  | 'markNotificationsRead'
  | 'answerObservation';

/** A customer's requests: filing them, "Mis trámites", notifications, answering observations. */
export function customerRequestHandlers(
  context: RequestsContext,
): Pick<CentralHandlers, CustomerRequestRoute> {
  const { db } = context;

  /** Runs a delivery once per idempotency key and answers as the first run did. */
  async function once(
    auth: CustomerAuth,
    key: string,
    operation: string,
    input: unknown,
    reply: FastifyReply,
    effect: Parameters<typeof runIdempotent<RequestDetail>>[2],
  ): Promise<Outcome<RequestDetail>> {
    const outcome = await runIdempotent(
      { db, now: context.now, claimMs: context.config.idempotencyClaimMs },
      { accountId: auth.account.id, key, operation, input },
      effect,
    );
    void reply.code(outcome.status);
    if (outcome.replayed) void reply.header(idempotentReplayHeader, 'true');
    return outcome;
  }

  return {
    async issueDeliveryToken({ body, session, request }) {
      return issueDeliveryToken(context, session, body, request);
    },

    async submitRequest({ body, headers, session, request, reply }) {
      const key = headers['idempotency-key'];
      checkDeliveryScope(session, { purpose: 'request', key });
      const outcome = await once(session, key, 'submitRequest', body, reply, async (trx) => ({
        status: 201,
        body: await submitRequest(context, trx, session, body, { key, request }),
      }));
      return outcome.body;
    },

    async listMyRequests({ session }) {
      const rows = await db
        .selectFrom('requests')
        .selectAll()
        .where('account_id', '=', session.account.id)
        .orderBy('created_at', 'desc')
        .orderBy('number', 'desc')
        .execute();
      const unread = await unreadCounts(
        db,
        rows.map((row) => row.id),
      );
      return { requests: rows.map((row) => toSummary(row, unread.get(row.id) ?? 0)) };
    },

    async getMyRequest({ params, session }) {
      return customerDetail(db, await findRequest(db, params.requestId, session.account.id));
    },

    async markNotificationsRead({ params, body, session }) {
      const row = await findRequest(db, params.requestId, session.account.id);
      let update = db
        .updateTable('notifications')
        .set({ read_at: context.now().toISOString() })
        .where('request_id', '=', row.id)
        .where('read_at', 'is', null);
      if (body.notificationIds) {
        if (body.notificationIds.length === 0) return { unreadNotifications: await unreadOf(row) };
        update = update.where('id', 'in', body.notificationIds);
      }
      await update.execute();
      return { unreadNotifications: await unreadOf(row) };
    },

    async answerObservation({ params, body, headers, session, reply }) {
      const key = headers['idempotency-key'];
      checkDeliveryScope(session, { purpose: 'answer', key, requestId: params.requestId });
      const outcome = await once(
        session,
        key,
        'answerObservation',
        { requestId: params.requestId, ...body },
        reply,
        async (trx) => {
          const answered = await answerObservation(
            context,
            trx,
            session,
            params.requestId,
            body,
            key,
          );
          return { status: 201, body: answered.detail };
        },
      );
      return outcome.body;
    },
  };

  async function unreadOf(row: RequestRow): Promise<number> {
    return (await unreadCounts(db, [row.id])).get(row.id) ?? 0;
  }
}

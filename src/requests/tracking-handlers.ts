import { randomUUID } from 'node:crypto';
import type { KioskHandlers } from '../kiosk/dispatch.js';
import { KioskError } from '../kiosk/errors.js';
import { asCustomer, nowIso, requestTypeOf, type RequestContext } from './context.js';
import { draftView, type StoredDraft } from './draft.js';
import { refusalText } from './submit.js';

type TrackingMethods =
  'requests:mine' | 'request:get' | 'request:answerObservation' | 'outbox:status';

/** "Mis trámites": the central's requests, what waits at this kiosk, and answering an observation. */
export function trackingHandlers(context: RequestContext): Pick<KioskHandlers, TrackingMethods> {
  const { client } = context;

  /** The address of a supply of the customer's, to name it again on a form signed anew. */
  async function supplyAddressOf(number: string): Promise<string | null> {
    const customer = context.customers.require();
    const { supplies } = await asCustomer(context, customer, (token) =>
      client.call('listSupplies', { token }),
    );
    return supplies.find((supply) => supply.number === number)?.address ?? null;
  }

  return {
    'requests:mine': async () => {
      const customer = context.customers.require();
      const pending = context.outbox.pendingOf(customer.session.owner).map((item) => ({
        reference: item.reference,
        number: item.number,
        title: item.title,
        createdAt: item.createdAt,
        state: item.state === 'rejected' ? ('rechazado' as const) : ('pendiente-de-envio' as const),
        refusal: item.state === 'rejected' ? refusalText(item.lastError) : null,
      }));
      try {
        const { requests } = await asCustomer(context, customer, (token) =>
          client.call('listMyRequests', { token }),
        );
        return { requests, pending, online: true };
      } catch (error) {
        // Offline, the customer still sees what this kiosk holds for them.
        if (error instanceof KioskError && error.code === 'central_unreachable') {
          return { requests: [], pending, online: false };
        }
        throw error;
      }
    },

    'request:get': async ({ requestId, markRead }) => {
      const customer = context.customers.require();
      return asCustomer(context, customer, async (token) => {
        if (markRead) {
          await client.call('markNotificationsRead', { params: { requestId }, body: {}, token });
        }
        return client.call('getMyRequest', { params: { requestId }, token });
      });
    },

    'request:answerObservation': async ({ requestId }) => {
      const customer = context.customers.require();
      const request = await asCustomer(context, customer, (token) =>
        client.call('getMyRequest', { params: { requestId }, token }),
      );
      const stepId = request.pendingStepId;
      if (request.state !== 'observado' || !stepId) {
        throw new KioskError('not_observed', 'Este trámite no tiene observaciones para responder.');
      }
      const type = requestTypeOf(context, request.requestTypeId);
      const supplyAddress = request.supplyNumber
        ? await supplyAddressOf(request.supplyNumber)
        : null;
      const now = nowIso(context);
      const draft: StoredDraft = {
        draftId: randomUUID(),
        requestTypeId: type.id,
        supplyNumber: request.supplyNumber,
        supplyAddress,
        answering: {
          requestId,
          number: request.number,
          stepId,
          // What staff asked for, shown on the step; the last change is the observation.
          message:
            request.history.findLast((change) => change.state === 'observado')?.message ?? null,
          ...(request.fields[stepId] && { sent: request.fields[stepId] }),
        },
        customer: customer.profile,
        // The values sent, so redoing a fields step starts from what the staff saw.
        values: request.fields,
        pages: [],
        signatures: {},
        startedAt: now,
        updatedAt: now,
      };
      context.drafts.discard(customer.session.sessionId);
      context.drafts.save(customer.session, draft);
      // Online now: the answer's token, so an answer sent after the link falls still goes.
      context.outbox.stockUp(customer.token, { purpose: 'answer', requestId });
      return draftView(draft, type);
    },

    'outbox:status': () => Promise.resolve(context.outbox.worker.status()),
  };
}

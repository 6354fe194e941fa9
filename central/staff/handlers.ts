import type { RequestState, StaffRequestDetail } from '../../src/contract/index.js';
import { RequestFieldValues } from '../../src/contract/index.js';
import type { CentralDb } from '../db/index.js';
import { CentralHttpError } from '../http-errors.js';
import type { RequestsContext } from '../requests/context.js';
import { requestMessages, staffMessages, stateLabels } from '../requests/messages.js';
import {
  attachmentsOf,
  findRequest,
  findRequestType,
  historyOf,
  type RequestRow,
} from '../requests/store.js';
import { changeState, checkTransition } from '../requests/transitions.js';
import type { CentralHandlers } from '../routes.js';
import { audit } from './audit.js';
import { assigneeOf, bandejaPage, staffSummaryOf } from './bandeja.js';
import { endStaffSession, staffSignIn } from './sessions.js';

export type StaffRoute =
  | 'staffSignIn'
  | 'staffSignOut'
  | 'staffListRequests'
  | 'staffGetRequest'
  | 'staffDownloadAttachment'
  | 'staffMoveRequest';

/** The staff API: requests by state, one with its files, its files, and moving it along. */
export function staffHandlers(context: RequestsContext): Pick<CentralHandlers, StaffRoute> {
  const { db, now } = context;

  async function detail(from: CentralDb, row: RequestRow): Promise<StaffRequestDetail> {
    return {
      ...(await staffSummaryOf(from, row.id)),
      assignee: await assigneeOf(from, row.id),
      fields: RequestFieldValues.parse(JSON.parse(row.fields)),
      attachments: await attachmentsOf(from, row.id),
      history: await historyOf(from, row.id),
    };
  }

  return {
    async staffSignIn({ body, request }) {
      return staffSignIn(context, body, request);
    },

    async staffSignOut({ session }) {
      await endStaffSession(context, session);
      return { ended: true as const };
    },

    async staffListRequests({ query, session }) {
      // Oldest first: the counter works through the queue in arrival order.
      const found = await bandejaPage(db, query);
      await audit(
        db,
        {
          staffId: session.member.id,
          kioskId: session.kioskId,
          action: 'list-requests',
          detail: {
            state: query.state ?? null,
            page: query.page,
            ...(query.q && { q: query.q }),
            ...(query.type && { type: query.type }),
            ...(query.branch && { branch: query.branch }),
          },
        },
        now(),
      );
      return { ...found, page: query.page, pageSize: query.pageSize };
    },

    async staffGetRequest({ params, session }) {
      const row = await findRequest(db, params.requestId);
      await audit(db, { ...actionOn(row, session), action: 'view-request' }, now());
      return detail(db, row);
    },

    async staffDownloadAttachment({ params, session, reply }) {
      const row = await findRequest(db, params.requestId);
      const attachment = await db
        .selectFrom('request_attachments')
        .select(['requirement_id', 'round', 'position'])
        .where('request_id', '=', row.id)
        .where('sha256', '=', params.sha256)
        .executeTakeFirst();
      if (!attachment) {
        throw new CentralHttpError(404, 'attachment_not_found', staffMessages.attachmentNotFound);
      }
      if (!context.files || !(await context.files.has(params.sha256))) {
        throw new CentralHttpError(404, 'attachment_file_missing', staffMessages.fileMissing);
      }
      await audit(
        db,
        {
          ...actionOn(row, session),
          action: 'download-attachment',
          detail: { sha256: params.sha256 },
        },
        now(),
      );
      const name = `${row.number}-${attachment.requirement_id}-${attachment.round}-${attachment.position + 1}.pdf`;
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="${name}"`)
        .header('cache-control', 'no-store')
        .send(await context.files.download(params.sha256));
    },

    async staffMoveRequest({ params, body, session }) {
      const moved = await db.transaction().execute(async (trx) => {
        const row = await findRequest(trx, params.requestId);
        if (body.from !== undefined && body.from !== row.state) {
          throw new CentralHttpError(
            409,
            'request_moved',
            staffMessages.requestMoved(stateLabels[row.state as RequestState]),
          );
        }
        checkTransition(row.state as RequestState, body.to);
        const stepId = await checkStep(trx, row, body.to, body.stepId);
        const changed = await changeState(
          trx,
          row,
          {
            to: body.to,
            message: body.message,
            stepId,
            actor: 'staff',
            staffId: session.member.id,
          },
          now(),
        );
        await audit(
          trx,
          {
            ...actionOn(row, session),
            action: 'move-request',
            detail: { from: row.state, to: body.to, message: body.message, stepId },
          },
          now(),
        );
        return changed;
      });
      return detail(db, moved);
    },
  };
}

function actionOn(row: RequestRow, session: { member: { id: string }; kioskId: string | null }) {
  return {
    staffId: session.member.id,
    kioskId: session.kioskId,
    accountId: row.account_id,
    requestId: row.id,
  };
}

/** `observado` names a step of the request's type the customer can redo; nothing else does. */
async function checkStep(
  db: CentralDb,
  row: RequestRow,
  to: string,
  stepId: string | undefined,
): Promise<string | null> {
  if (to !== 'observado') {
    if (stepId !== undefined) {
      throw new CentralHttpError(422, 'step_not_expected', requestMessages.stepNotExpected, {
        field: 'stepId',
      });
    }
    return null;
  }
  if (stepId === undefined) {
    throw new CentralHttpError(422, 'step_required', requestMessages.stepRequired, {
      field: 'stepId',
    });
  }
  const type = await findRequestType(db, row.request_type_id);
  const step = type?.steps.find((candidate) => candidate.id === stepId);
  if (!step || step.kind === 'review') {
    throw new CentralHttpError(422, 'step_not_redoable', requestMessages.stepNotRedoable(stepId), {
      field: 'stepId',
    });
  }
  return step.id;
}

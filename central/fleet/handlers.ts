import type { CentralHandlers } from '../routes.js';
import { audit } from '../staff/audit.js';
import type { StaffAuth } from '../staff/sessions.js';
import type { FleetContext } from './config.js';
import { enrolKiosk, issueEnrolmentCode, revokeKiosk } from './enrolment.js';
import { findFleetKiosk, fleetList, heartbeatHistory, recordHeartbeat } from './heartbeats.js';

export type FleetRoute =
  | 'enrolKiosk'
  | 'sendHeartbeat'
  | 'createEnrolmentCode'
  | 'listKiosks'
  | 'kioskHeartbeats'
  | 'revokeKiosk'
  | 'setKioskUpdateChannel';

/** Kiosks enrolling and reporting, and IT's side: codes, the fleet, revocation. */
export function fleetHandlers(context: FleetContext): Pick<CentralHandlers, FleetRoute> {
  /** IT's changes go to the staff audit log like every staff action. */
  const audited = (
    session: StaffAuth,
    action: 'create-enrolment-code' | 'revoke-kiosk' | 'set-update-channel',
    detail: Record<string, unknown>,
  ) =>
    audit(
      context.db,
      { staffId: session.member.id, kioskId: session.kioskId, action, detail },
      context.now(),
    );

  return {
    async enrolKiosk({ body, request }) {
      return enrolKiosk(context, body, request);
    },

    async sendHeartbeat({ body, session }) {
      const receivedAt = await recordHeartbeat(context, session, body);
      const { updateChannel } = await findFleetKiosk(context, session.kioskId);
      return { receivedAt, updateChannel };
    },

    async createEnrolmentCode({ body, session }) {
      const issued = await issueEnrolmentCode(context, body.branch, session.member.id);
      await audited(session, 'create-enrolment-code', {
        branch: issued.branch,
        expiresAt: issued.expiresAt,
      });
      return issued;
    },

    async listKiosks() {
      return fleetList(context);
    },

    async kioskHeartbeats({ params }) {
      await findFleetKiosk(context, params.kioskId);
      return {
        kioskId: params.kioskId,
        heartbeats: await heartbeatHistory(context, params.kioskId),
      };
    },

    async revokeKiosk({ params, body, session }) {
      await revokeKiosk(context, params.kioskId, { reason: body.reason, by: session.member.id });
      await audited(session, 'revoke-kiosk', { kioskId: params.kioskId, reason: body.reason });
      return findFleetKiosk(context, params.kioskId);
    },

    /** The kiosk takes it with its next heartbeat (a minute at most) and its shell follows. */
    async setKioskUpdateChannel({ params, body, session }) {
      const previous = await findFleetKiosk(context, params.kioskId);
      await context.db
        .updateTable('kiosks')
        .set({ update_channel: body.channel })
        .where('id', '=', params.kioskId)
        .execute();
      await audited(session, 'set-update-channel', {
        kioskId: params.kioskId,
        from: previous.updateChannel,
        to: body.channel,
      });
      return findFleetKiosk(context, params.kioskId);
    },
  };
}

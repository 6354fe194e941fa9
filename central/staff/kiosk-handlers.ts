import type { FleetContext } from '../fleet/config.js';
import type { CentralHandlers } from '../routes.js';
import { startAssistedSession } from './assisted.js';
import { audit } from './audit.js';
import { outboxItemOwner } from './audit-log.js';
import { kioskStaffSignIn } from './kiosk-sessions.js';
import { endStaffSession } from './sessions.js';

export type KioskStaffRoute =
  'staffKioskSignIn' | 'staffKioskSignOut' | 'staffKioskAudit' | 'staffKioskAssist';

/** Staff at a kiosk: signing in with a PIN, out, and what they do to the kiosk's outbox. */
export function kioskStaffHandlers(context: FleetContext): Pick<CentralHandlers, KioskStaffRoute> {
  return {
    async staffKioskSignIn({ body, session, request, authorize }) {
      return kioskStaffSignIn(context, body, session, request, authorize);
    },

    staffKioskAssist: ({ body, session }) => startAssistedSession(context, body, session),

    async staffKioskSignOut({ session }) {
      await endStaffSession(context, session, 'kiosk-sign-out');
      return { ended: true as const };
    },

    /**
     * The kiosk acts on its own outbox (the central never saw those items): it records here who
     * retried or discarded which item and why, before it does so.
     */
    async staffKioskAudit({ body, session }) {
      const at = context.now();
      // The kiosk keeps the customer sealed; the number the central reserved names them here.
      const owner = await outboxItemOwner(context.db, body.requestNumber);
      await audit(
        context.db,
        {
          staffId: session.member.id,
          kioskId: session.kioskId,
          action: body.action,
          ...owner,
          detail: {
            itemReference: body.itemReference,
            requestNumber: body.requestNumber,
            reason: body.reason ?? null,
            lastError: body.lastError,
          },
        },
        at,
      );
      return { recordedAt: at.toISOString() };
    },
  };
}

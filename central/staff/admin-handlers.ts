import type { FleetContext } from '../fleet/config.js';
import { fleetMessages } from '../fleet/messages.js';
import { CentralHttpError } from '../http-errors.js';
import type { CentralHandlers } from '../routes.js';
import { audit } from './audit.js';
import { readAuditLog } from './audit-log.js';
import { findStaffByEmail } from './members.js';
import { clearPinLocks, pinLockedFor } from './pin-throttle.js';

export type StaffAdminRoute = 'staffAuditLog' | 'unlockStaffPin';

/** What IT and admins read and clear about staff: the audit log, a member's PIN waits. */
export function staffAdminHandlers(context: FleetContext): Pick<CentralHandlers, StaffAdminRoute> {
  return {
    staffAuditLog: ({ query }) => readAuditLog(context.db, query),

    async unlockStaffPin({ body, session }) {
      const now = context.now();
      const member = await findStaffByEmail(context.db, body.email);
      if (!member) throw new CentralHttpError(404, 'staff_not_found', fleetMessages.staffNotFound);
      const wasLockedSeconds = await pinLockedFor(context.db, member.id, now);
      await clearPinLocks(context.db, member.id);
      await audit(
        context.db,
        {
          staffId: session.member.id,
          kioskId: session.kioskId,
          action: 'pin-unlock',
          detail: { email: member.email, wasLockedSeconds },
        },
        now,
      );
      return { email: member.email, wasLockedSeconds };
    },
  };
}

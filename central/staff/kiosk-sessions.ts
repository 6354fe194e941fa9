import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { StaffKioskSessionGranted, StaffKioskSignIn } from '../../src/contract/index.js';
import { newOpaqueToken, sha256Hex } from '../accounts/secrets.js';
import { decoyHash } from '../accounts/sign-in.js';
import type { FleetContext } from '../fleet/config.js';
import type { KioskAuth } from '../fleet/kiosk-auth.js';
import { fleetMessages } from '../fleet/messages.js';
import { CentralHttpError } from '../http-errors.js';
import { audit } from './audit.js';
import { findStaffByEmail, rolesOf } from './members.js';
import { findStaffByBadge } from './pin.js';
import { clearAfterPin, recordPinFailure, waitBeforePin } from './pin-throttle.js';
import type { RoleHolder } from './roles.js';
import { bearerToken, liveStaffSession, type StaffAuth } from './sessions.js';

/**
 * Staff signing in at an enrolled kiosk with their email or badge and a PIN. The session belongs
 * to that kiosk and serves its staff panel only; it ends on sign-out, after `kioskStaffIdleMs`
 * without a call, or after `kioskStaffLifetimeMs`. A wrong email, badge or PIN get one answer.
 */
export async function kioskStaffSignIn(
  context: FleetContext,
  { badgeOrEmail, pin }: z.output<typeof StaffKioskSignIn>,
  kiosk: KioskAuth,
  request: FastifyRequest,
  /** The entry's `roles` check: only those roles open the kiosk's panel. */
  authorize: (holder: RoleHolder) => Promise<void>,
): Promise<z.output<typeof StaffKioskSessionGranted>> {
  const { db, hasher, config } = context;
  const now = context.now();
  const byEmail = badgeOrEmail.includes('@');
  const member = byEmail
    ? await findStaffByEmail(db, badgeOrEmail.toLowerCase())
    : await findStaffByBadge(db, badgeOrEmail);
  // Unknown names are counted like known ones: a wait tells nothing about who exists.
  const who = member ? member.id : sha256Hex(`who:${badgeOrEmail.toLowerCase()}`);
  const attempt = { who, kioskId: kiosk.kioskId };
  const wait = await waitBeforePin(db, attempt, now);
  if (wait > 0) {
    throw new CentralHttpError(429, 'too_many_attempts', fleetMessages.staffPinBlocked(wait), {
      retryAfterSeconds: wait,
    });
  }
  const stored = member?.pin_hash ?? (await decoyHash(hasher));
  if (!(await hasher.verify(stored, pin)) || !member?.pin_hash) {
    await recordPinFailure(db, attempt, config.pinThrottle, now);
    throw new CentralHttpError(401, 'staff_pin_invalid', fleetMessages.staffPinInvalid);
  }
  await clearAfterPin(db, attempt);
  const roles = await rolesOf(db, member.id);
  await authorize({ member: { id: member.id, roles }, kioskId: kiosk.kioskId });

  const token = newOpaqueToken();
  const at = now.toISOString();
  const expiresAt = new Date(now.getTime() + config.kioskStaffLifetimeMs).toISOString();
  await db
    .insertInto('staff_sessions')
    .values({
      token_hash: sha256Hex(token),
      staff_id: member.id,
      kiosk: `${request.ip} ${kiosk.kioskId}`,
      created_at: at,
      expires_at: expiresAt,
      ended_at: null,
      scope: 'kiosk',
      kiosk_id: kiosk.kioskId,
      last_used_at: at,
    })
    .execute();
  await audit(
    db,
    {
      staffId: member.id,
      kioskId: kiosk.kioskId,
      action: 'kiosk-sign-in',
      detail: { with: byEmail ? 'email' : 'badge' },
    },
    now,
  );
  return {
    token,
    expiresAt,
    idleTimeoutSeconds: Math.round(config.kioskStaffIdleMs / 1000),
    staff: { email: member.email, name: member.name, roles },
  };
}

/**
 * For entries with `auth: 'kioskStaff'`: the kiosk's credential and a PIN session opened at that
 * same kiosk, used within the idle timeout (each call counts as use).
 */
export function authenticateKioskStaff(
  context: Pick<FleetContext, 'db' | 'now' | 'config'>,
  authenticateKiosk: (request: FastifyRequest) => Promise<KioskAuth>,
) {
  return async (request: FastifyRequest): Promise<StaffAuth> => {
    const kiosk = await authenticateKiosk(request);
    const { tokenHash, member, session } = await liveStaffSession(context, bearerToken(request));
    if (session.scope !== 'kiosk' || session.kiosk_id !== kiosk.kioskId) {
      throw new CentralHttpError(
        403,
        'staff_session_elsewhere',
        fleetMessages.kioskSessionElsewhere,
      );
    }
    const now = context.now();
    const idleSince = Date.parse(session.last_used_at ?? session.expires_at);
    if (now.getTime() - idleSince >= context.config.kioskStaffIdleMs) {
      throw new CentralHttpError(401, 'staff_session_expired', fleetMessages.kioskSessionIdle);
    }
    await context.db
      .updateTable('staff_sessions')
      .set({ last_used_at: now.toISOString() })
      .where('token_hash', '=', tokenHash)
      .execute();
    return { tokenHash, member, kioskId: kiosk.kioskId };
  };
}

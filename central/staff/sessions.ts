import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type {
  StaffRole,
  StaffSessionGranted,
  StaffSignInRequest,
} from '../../src/contract/index.js';
import { newOpaqueToken, sha256Hex } from '../accounts/secrets.js';
import { staffUnlock } from '../accounts/mails.js';
import { checkPassword } from '../accounts/sign-in.js';
import { kioskOf, type SignInAttempt } from '../accounts/throttle.js';
import { CentralHttpError } from '../http-errors.js';
import type { RequestsContext } from '../requests/context.js';
import { staffMessages } from '../requests/messages.js';
import { kioskIdOf } from '../requests/kiosk-id.js';
import { fleetMessages } from '../fleet/messages.js';
import { audit } from './audit.js';
import { findStaffByEmail, rolesOf, type StaffMemberRow } from './members.js';

/** Who calls an entry with `auth: 'staff'`. */
export type StaffAuth = {
  tokenHash: string;
  member: Pick<StaffMemberRow, 'id' | 'email' | 'name'> & { roles: StaffRole[] };
  /** The kiosk the call comes from (its `x-kiosk-id`), for the audit log. */
  kioskId: string | null;
};

const bearer = /^Bearer +([A-Za-z0-9_-]{22,128})$/;

/**
 * Staff sign-in, throttled exactly like customers' (the same counters and rules, on keys of
 * their own: a staff email never shares counts with a customer's), with the same answer for a
 * wrong email and a wrong password. A session lasts a shift and is never extended.
 */
export async function staffSignIn(
  context: RequestsContext,
  { email, password }: z.output<typeof StaffSignInRequest>,
  request: FastifyRequest,
): Promise<z.output<typeof StaffSessionGranted>> {
  const { db, hasher, now } = context;
  const attempt: SignInAttempt = { email: `staff:${email}`, ...kioskOf(request) };
  const found = await findStaffByEmail(db, email);
  const member = await checkPassword(
    { db, hasher, now, throttle: context.throttle },
    attempt,
    password,
    found && { row: found, firstName: found.name, whatToDo: staffUnlock },
  );
  if (!member) {
    throw new CentralHttpError(401, 'invalid_credentials', staffMessages.invalidCredentials);
  }
  const token = newOpaqueToken();
  const at = now();
  const expiresAt = new Date(at.getTime() + context.config.staffSessionLifetimeMs).toISOString();
  await db
    .insertInto('staff_sessions')
    .values({
      token_hash: sha256Hex(token),
      staff_id: member.id,
      kiosk: attempt.kiosk,
      created_at: at.toISOString(),
      expires_at: expiresAt,
      ended_at: null,
    })
    .execute();
  await audit(db, { staffId: member.id, kioskId: kioskIdOf(request), action: 'sign-in' }, at);
  return {
    token,
    expiresAt,
    staff: { email: member.email, name: member.name, roles: await rolesOf(db, member.id) },
  };
}

/** The bearer token of a request, when it has one of the right shape. */
export function bearerToken(request: FastifyRequest): string | undefined {
  return bearer.exec(request.headers.authorization ?? '')?.[1];
}

/** A live staff session of either scope (password or PIN), or the 401 to answer. */
export async function liveStaffSession(
  context: Pick<RequestsContext, 'db' | 'now'>,
  token: string | undefined,
) {
  if (!token)
    throw new CentralHttpError(401, 'staff_session_required', staffMessages.sessionRequired);
  const tokenHash = sha256Hex(token);
  const row = await context.db
    .selectFrom('staff_sessions')
    .innerJoin('staff_members', 'staff_members.id', 'staff_sessions.staff_id')
    .select([
      'staff_members.id',
      'staff_members.email',
      'staff_members.name',
      'staff_members.disabled_at',
      'staff_sessions.expires_at',
      'staff_sessions.ended_at',
      'staff_sessions.scope',
      'staff_sessions.kiosk_id',
      'staff_sessions.last_used_at',
    ])
    .where('staff_sessions.token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (!row)
    throw new CentralHttpError(401, 'staff_session_required', staffMessages.sessionRequired);
  if (
    row.ended_at !== null ||
    row.disabled_at !== null ||
    row.expires_at <= context.now().toISOString()
  ) {
    throw new CentralHttpError(401, 'staff_session_expired', staffMessages.sessionExpired);
  }
  const { id, email, name } = row;
  const roles = await rolesOf(context.db, id);
  return { tokenHash, member: { id, email, name, roles }, session: row };
}

/**
 * The staff API's session: signed in with a password. A session opened at a kiosk with a PIN
 * serves that kiosk's panel only: six digits do not open customers' requests.
 */
export async function centralStaffSession(
  context: Pick<RequestsContext, 'db' | 'now'>,
  token: string | undefined,
  kioskId: string | null,
): Promise<StaffAuth> {
  const { tokenHash, member, session } = await liveStaffSession(context, token);
  if (session.scope !== 'central') {
    throw new CentralHttpError(403, 'staff_session_kiosk_only', fleetMessages.kioskSessionOnly);
  }
  return { tokenHash, member, kioskId };
}

/** The live staff session of `Authorization: Bearer <token>`, or the 401 to answer. */
export function authenticateStaff(context: Pick<RequestsContext, 'db' | 'now'>) {
  return (request: FastifyRequest): Promise<StaffAuth> =>
    centralStaffSession(context, bearerToken(request), kioskIdOf(request));
}

export async function endStaffSession(
  context: Pick<RequestsContext, 'db' | 'now'>,
  auth: StaffAuth,
  action: 'sign-out' | 'kiosk-sign-out' = 'sign-out',
): Promise<void> {
  const now = context.now();
  await context.db
    .updateTable('staff_sessions')
    .set({ ended_at: now.toISOString() })
    .where('token_hash', '=', auth.tokenHash)
    .where('ended_at', 'is', null)
    .execute();
  await audit(context.db, { staffId: auth.member.id, kioskId: auth.kioskId, action }, now);
}

import type { FastifyRequest } from 'fastify';
import type { CentralDb } from '../db/index.js';
import { authenticatedKioskId } from '../fleet/kiosk-auth.js';
import { CentralHttpError } from '../http-errors.js';
import { messages } from '../messages.js';
import type { Account } from './account-store.js';
import { newOpaqueToken, sha256Hex } from './secrets.js';

/**
 * Sign-in sessions. The token is 32 random bytes (256 bits) that only the kiosk holds; the
 * central keeps its sha-256, so a copy of the database signs nobody in. A session has an
 * absolute end (never extended by use) and sign-out ends it on the central at once.
 */
export type AuthenticatedSession = {
  tokenHash: string;
  account: Account;
  expiresAt: string;
  /** Opened by staff at the counter (assisted mode): who, and at which kiosk. */
  assisted: { staffId: string; kioskId: string | null } | null;
};

export type GrantedSession = { token: string; expiresAt: Date };

export async function startSession(
  db: CentralDb,
  accountId: string,
  kiosk: string,
  lifetimeMs: number,
  now: Date,
): Promise<GrantedSession> {
  const token = newOpaqueToken();
  const expiresAt = new Date(now.getTime() + lifetimeMs);
  await db
    .insertInto('sessions')
    .values({
      token_hash: sha256Hex(token),
      account_id: accountId,
      kiosk,
      created_at: now.toISOString(),
      expires_at: expiresAt.toISOString(),
      ended_at: null,
    })
    .execute();
  return { token, expiresAt };
}

const bearer = /^Bearer +([A-Za-z0-9_-]{22,128})$/;

/** The live session of the request's `Authorization: Bearer <token>`, or the 401 to answer. */
export async function authenticateRequest(
  db: CentralDb,
  request: FastifyRequest,
  now: Date,
  /**
   * Signing out: a session past its lifetime but never ended may still be ended, so that a
   * kiosk's sign-out that waited in its outbox settles the session's delivery tokens.
   */
  { ending = false }: { ending?: boolean } = {},
): Promise<AuthenticatedSession> {
  const token = bearer.exec(request.headers.authorization ?? '')?.[1];
  if (!token) throw sessionRequired();
  const tokenHash = sha256Hex(token);
  const row = await db
    .selectFrom('sessions')
    .innerJoin('accounts', 'accounts.id', 'sessions.account_id')
    .selectAll('accounts')
    .leftJoin('assisted_sessions', 'assisted_sessions.token_hash', 'sessions.token_hash')
    .select([
      'sessions.expires_at as session_expires_at',
      'sessions.ended_at as session_ended_at',
      'assisted_sessions.staff_id as assisted_staff_id',
      'assisted_sessions.kiosk_id as assisted_kiosk_id',
    ])
    .where('sessions.token_hash', '=', tokenHash)
    .executeTakeFirst();
  if (!row) throw sessionRequired();
  const {
    session_expires_at: expiresAt,
    session_ended_at: endedAt,
    assisted_staff_id: staffId,
    assisted_kiosk_id: kioskId,
    ...account
  } = row;
  if (endedAt !== null || (!ending && expiresAt <= now.toISOString())) {
    throw new CentralHttpError(401, 'session_expired', messages.accounts.sessionExpired);
  }
  const assisted = staffId ? { staffId, kioskId: kioskId ?? null } : null;
  // Staff opened it at one kiosk: only that kiosk's credential carries it, a copied token nowhere.
  if (
    assisted &&
    (assisted.kioskId === null || assisted.kioskId !== authenticatedKioskId(request))
  ) {
    throw sessionRequired();
  }
  return { tokenHash, account, expiresAt, assisted };
}

function sessionRequired() {
  return new CentralHttpError(401, 'session_required', messages.accounts.sessionRequired);
}

/**
 * Signs out: ends the session and settles its delivery tokens. Those the kiosk names (by their
 * sha-256) carry deliveries still in its outbox: they stay good for that one delivery, and a
 * password reset spares them. Every other token the session minted dies now. A session already
 * ended (signed out, or by a password reset) changes nothing.
 */
export async function endSession(
  db: CentralDb,
  tokenHash: string,
  now: Date,
  keepDeliveryTokens: readonly string[] = [],
): Promise<void> {
  const at = now.toISOString();
  await db.transaction().execute(async (trx) => {
    const ended = await trx
      .updateTable('sessions')
      .set({ ended_at: at })
      .where('token_hash', '=', tokenHash)
      .where('ended_at', 'is', null)
      .executeTakeFirst();
    if (Number(ended.numUpdatedRows) !== 1) return;
    const live = trx
      .updateTable('delivery_tokens')
      .where('session_hash', '=', tokenHash)
      .where('revoked_at', 'is', null);
    if (keepDeliveryTokens.length > 0) {
      await live
        .set({ named_at: at })
        .where('token_hash', 'in', [...keepDeliveryTokens])
        .execute();
      await live
        .set({ revoked_at: at })
        .where('token_hash', 'not in', [...keepDeliveryTokens])
        .execute();
    } else {
      await live.set({ revoked_at: at }).execute();
    }
  });
}

/**
 * After a password change nobody stays signed in with the old one, on any kiosk, and no delivery
 * token lives on unless a sign-out named it for a delivery queued at a kiosk.
 */
export async function endEverySession(db: CentralDb, accountId: string, now: Date): Promise<void> {
  const at = now.toISOString();
  await db
    .updateTable('sessions')
    .set({ ended_at: at })
    .where('account_id', '=', accountId)
    .where('ended_at', 'is', null)
    .execute();
  await db
    .updateTable('delivery_tokens')
    .set({ revoked_at: at })
    .where('account_id', '=', accountId)
    .where('named_at', 'is', null)
    .where('revoked_at', 'is', null)
    .execute();
}

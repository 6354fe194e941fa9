import type { FastifyRequest } from 'fastify';
import type { DeliveryToken, DeliveryTokenRequest } from '../../src/contract/index.js';
import { findAccountById, type Account } from '../accounts/account-store.js';
import { newOpaqueToken, sha256Hex } from '../accounts/secrets.js';
import type { AuthenticatedSession } from '../accounts/sessions.js';
import { kioskOf } from '../accounts/throttle.js';
import type { CentralDb } from '../db/index.js';
import { CentralHttpError } from '../http-errors.js';
import type { Authenticate } from '../routes.js';
import type { RequestsContext } from './context.js';
import { deliveryMessages, requestMessages } from './messages.js';
import { allocateRequestNumber } from './numbers.js';

/**
 * Delivery tokens. A customer's session ends long before a kiosk's outbox may deliver (the link
 * is down; the customer has gone home), so while signed in the kiosk gets a token for one
 * delivery: uploads plus one submission (or one answer to one request), for a day at most. Only
 * its hash is kept. Once used it is dead, except to replay that very delivery (same idempotency
 * key), whose answer the kiosk may have lost.
 *
 * A token dies with the session that minted it: the kiosk's sign-out names the tokens that carry
 * its queued deliveries and every other token of the session dies then; a password reset kills
 * every token no sign-out named (accounts/sessions.ts). A session holds at most
 * `deliveryTokensPerSession` unspent ones, and every submission needs one, so a stolen session
 * files at most that many requests, and none once its owner signs out or resets the password.
 */
export type DeliveryGrant = {
  tokenHash: string;
  purpose: DeliveryTokenRequest['purpose'];
  requestId: string | null;
  requestNumber: string | null;
  usedKey: string | null;
};

/** Who calls an entry with `auth: 'delivery'`: the account, and the token when not a session. */
export type CustomerAuth = { account: Account; delivery: DeliveryGrant | null };

const deliveryHeader = /^Delivery +([A-Za-z0-9_-]{22,128})$/;

export async function issueDeliveryToken(
  context: RequestsContext,
  session: AuthenticatedSession,
  body: DeliveryTokenRequest,
  request: FastifyRequest,
): Promise<DeliveryToken> {
  const { db, now, config } = context;
  const accountId = session.account.id;
  if (body.purpose === 'answer') {
    const owned = await db
      .selectFrom('requests')
      .select('id')
      .where('id', '=', body.requestId)
      .where('account_id', '=', accountId)
      .executeTakeFirst();
    if (!owned) throw new CentralHttpError(404, 'request_not_found', requestMessages.notFound);
  }
  const token = newOpaqueToken();
  const at = now();
  const expiresAt = new Date(at.getTime() + config.deliveryTokenLifetimeMs).toISOString();
  const requestNumber = await db.transaction().execute(async (trx) => {
    // Writing the session's row first holds it: two issues at once count one after the other.
    await trx
      .updateTable('sessions')
      .set((eb) => ({ token_hash: eb.ref('token_hash') }))
      .where('token_hash', '=', session.tokenHash)
      .execute();
    const unspent = await trx
      .selectFrom('delivery_tokens')
      .select((eb) => eb.fn.countAll<string | number>().as('count'))
      .where('session_hash', '=', session.tokenHash)
      .where('used_at', 'is', null)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', at.toISOString())
      .executeTakeFirstOrThrow();
    if (Number(unspent.count) >= config.deliveryTokensPerSession) {
      throw new CentralHttpError(429, 'delivery_tokens_limit', deliveryMessages.tooMany);
    }
    const requestNumber =
      body.purpose === 'request' ? await allocateRequestNumber(trx, at, config.timeZone) : null;
    await trx
      .insertInto('delivery_tokens')
      .values({
        token_hash: sha256Hex(token),
        account_id: accountId,
        purpose: body.purpose,
        request_id: body.purpose === 'answer' ? body.requestId : null,
        request_number: requestNumber,
        kiosk: kioskOf(request).kiosk,
        created_at: at.toISOString(),
        expires_at: expiresAt,
        used_at: null,
        used_key: null,
        session_hash: session.tokenHash,
        named_at: null,
        revoked_at: null,
      })
      .execute();
    return requestNumber;
  });
  return { token, expiresAt, requestNumber };
}

/** A session bearer or `Authorization: Delivery <token>`; anything else is the session's 401. */
export function authenticateCustomer(
  context: Pick<RequestsContext, 'db' | 'now'>,
  authenticateSession: Authenticate,
) {
  return async (request: FastifyRequest): Promise<CustomerAuth> => {
    const token = deliveryHeader.exec(request.headers.authorization ?? '')?.[1];
    if (!token) return { account: (await authenticateSession(request)).account, delivery: null };
    const row = await context.db
      .selectFrom('delivery_tokens')
      .selectAll()
      .where('token_hash', '=', sha256Hex(token))
      .executeTakeFirst();
    const account = row && (await findAccountById(context.db, row.account_id));
    const now = context.now().toISOString();
    if (!row || !account || row.revoked_at !== null || row.expires_at <= now) {
      throw new CentralHttpError(401, 'delivery_token_invalid', deliveryMessages.invalid);
    }
    return {
      account,
      delivery: {
        tokenHash: row.token_hash,
        purpose: row.purpose === 'answer' ? 'answer' : 'request',
        requestId: row.request_id,
        requestNumber: row.request_number,
        usedKey: row.used_key,
      },
    };
  };
}

/** Uploads: any live token that has not delivered yet. */
export function refuseSpentToken(auth: CustomerAuth): void {
  if (auth.delivery?.usedKey) {
    throw new CentralHttpError(401, 'delivery_token_used', deliveryMessages.used);
  }
}

/**
 * A submission or answer: the token must be for it, and unused unless this is the replay of the
 * delivery that used it.
 */
export function checkDeliveryScope(
  auth: CustomerAuth,
  scope: { purpose: DeliveryGrant['purpose']; key: string; requestId?: string },
): void {
  const grant = auth.delivery;
  // Every delivery goes through a token, so what a session can file dies with the session.
  if (!grant) throw new CentralHttpError(401, 'delivery_token_required', deliveryMessages.required);
  if (grant.purpose !== scope.purpose || (scope.requestId && grant.requestId !== scope.requestId)) {
    throw new CentralHttpError(403, 'delivery_token_scope', deliveryMessages.wrongPurpose);
  }
  if (grant.usedKey !== null && grant.usedKey !== scope.key) {
    throw new CentralHttpError(401, 'delivery_token_used', deliveryMessages.used);
  }
}

/** Marks the token used, in the delivery's own transaction; a token used meanwhile refuses. */
export async function spendDeliveryToken(
  trx: CentralDb,
  auth: CustomerAuth,
  key: string,
  now: Date,
): Promise<void> {
  if (!auth.delivery) return;
  const spent = await trx
    .updateTable('delivery_tokens')
    .set({ used_at: now.toISOString(), used_key: key })
    .where('token_hash', '=', auth.delivery.tokenHash)
    .where('used_at', 'is', null)
    // Killed by a sign-out or a password reset after this call was authenticated.
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (Number(spent.numUpdatedRows) !== 1) {
    throw new CentralHttpError(401, 'delivery_token_used', deliveryMessages.used);
  }
}

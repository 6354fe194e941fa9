import type { z } from 'zod';
import type { HandoffRedeemed, PaymentsHandoff } from '../../src/contract/index.js';
import { newOpaqueToken, sameDigest, sha256Hex } from '../accounts/secrets.js';
import { readCatalog } from '../catalog/store.js';
import { CentralHttpError } from '../http-errors.js';
import { messages } from '../messages.js';
import type { SuppliesContext } from '../supplies/context.js';
import { supplyMessages } from '../supplies/messages.js';
import { linkedSupplies } from '../supplies/store.js';

/**
 * "Ir a Facturas y Pagos" without a second sign-in: the central gives the kiosk a link to the
 * cooperative's payments site carrying a one-time token (256 random bits, kept only as its hash,
 * valid a few minutes). The payments site redeems it once, server to server with a shared
 * secret, and learns who the customer is and which supplies they have linked.
 */
export async function createHandoff(
  context: SuppliesContext,
  accountId: string,
): Promise<PaymentsHandoff> {
  const catalog = await readCatalog(context.db);
  if (!catalog) throw new CentralHttpError(503, 'catalog_empty', messages.catalogEmpty);
  const now = context.now();
  const token = newOpaqueToken();
  const expiresAt = new Date(now.getTime() + context.config.handoffLifetimeMs);
  await context.db
    .insertInto('payments_handoffs')
    .values({
      token_hash: sha256Hex(token),
      account_id: accountId,
      created_at: now.toISOString(),
      expires_at: expiresAt.toISOString(),
      used_at: null,
    })
    .execute();
  const url = new URL(catalog.settings.paymentsUrl);
  url.searchParams.set('token', token);
  return { url: url.toString(), expiresAt: expiresAt.toISOString() };
}

/** Whether the caller holds the payments site's secret (compared in constant time). */
export function isPaymentsSite(context: SuppliesContext, presented: string | undefined): boolean {
  const secret = context.paymentsHandoffSecret;
  if (!secret || !presented) return false;
  return sameDigest(sha256Hex(presented), sha256Hex(secret));
}

export async function redeemHandoff(
  context: SuppliesContext,
  token: string,
): Promise<z.output<typeof HandoffRedeemed>> {
  const now = context.now().toISOString();
  const tokenHash = sha256Hex(token);
  // One conditional update: of two redeems at once only one changes the row.
  const used = await context.db
    .updateTable('payments_handoffs')
    .set({ used_at: now })
    .where('token_hash', '=', tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  // Unknown, used and expired tokens get one answer: none of them tells the caller anything.
  if (Number(used.numUpdatedRows) !== 1) {
    throw new CentralHttpError(410, 'handoff_used_or_expired', supplyMessages.handoffUsedOrExpired);
  }
  const account = await context.db
    .selectFrom('payments_handoffs')
    .innerJoin('accounts', 'accounts.id', 'payments_handoffs.account_id')
    .select(['accounts.id', 'accounts.email', 'accounts.first_name', 'accounts.last_name'])
    .where('payments_handoffs.token_hash', '=', tokenHash)
    .executeTakeFirstOrThrow();
  return {
    email: account.email,
    firstName: account.first_name,
    lastName: account.last_name,
    supplies: await linkedSupplies(context.db, account.id),
  };
}

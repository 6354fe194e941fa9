import { z } from 'zod';
import type { OutboxSignOutRow } from '../store/index.js';
import { CentralError } from '../sync/central-client.js';
import {
  OutboxCredential,
  credentialContext,
  signOutContext,
  tokenHash,
  type DeliveryDeps,
} from './delivery.js';

/** What a waiting sign-out carries, sealed: the session's token. */
export const SignOutPayload = z.object({ token: z.string() });

/**
 * The delivery tokens that session got for items still in the outbox, by their sha-256: the
 * central keeps them good for their one delivery and kills every other token of the session.
 */
export function tokensToKeep(deps: Pick<DeliveryDeps, 'store' | 'box'>, sessionId: string) {
  return deps.store.holdingCredentials().flatMap((row) => {
    const credential = OutboxCredential.parse(
      deps.box.openJson(row.credential!, credentialContext(row.idempotencyKey)),
    );
    return credential.session === sessionId ? [tokenHash(credential.token)] : [];
  });
}

/**
 * Ends the customer's session on the central, naming the tokens of its queued deliveries (read
 * now, so an item delivered meanwhile is not named and one that got its token late is). A
 * session the central had ended already (a password reset, an earlier copy of this sign-out
 * whose answer was lost) leaves nothing to do.
 */
export async function deliverSignOut(
  deps: Pick<DeliveryDeps, 'store' | 'box' | 'client'>,
  row: OutboxSignOutRow,
): Promise<void> {
  const { token } = SignOutPayload.parse(
    deps.box.openJson(row.payload, signOutContext(row.sessionId)),
  );
  try {
    await deps.client.call('signOut', {
      token,
      body: { keepDeliveryTokens: tokensToKeep(deps, row.sessionId) },
    });
  } catch (error) {
    if (error instanceof CentralError && error.status === 401) return;
    throw error;
  }
}

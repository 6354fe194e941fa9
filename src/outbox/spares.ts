import type { CentralClient } from '../sync/central-client.js';
import {
  issueCredential,
  tokenHash,
  type DeliveryPurpose,
  type SpareCredential,
} from './delivery.js';

type Spare = { pending: Promise<void>; ready: SpareCredential | null };

/**
 * Delivery tokens got ahead of "Enviar", while the link still works (when a request or an answer
 * starts), one per session and purpose, in memory only: a request committed after the link fell
 * takes its token from here, so it is delivered after its customer has left. A crash loses them;
 * the central kills them when the session signs out without naming them.
 */
export function createSpareCredentials(deps: {
  client: CentralClient;
  log: (message: string, error?: unknown) => void;
}) {
  const spares = new Map<string, Spare>();
  const keyOf = (sessionId: string, purpose: DeliveryPurpose) =>
    `${sessionId} ${purpose.purpose === 'answer' ? purpose.requestId : ''}`;

  function take(sessionId: string, purpose: DeliveryPurpose): SpareCredential | null {
    const key = keyOf(sessionId, purpose);
    const ready = spares.get(key)?.ready ?? null;
    if (ready) spares.delete(key);
    return ready;
  }

  return {
    /** Gets one in the background unless the session has one (or is getting it) already. */
    stockUp(sessionToken: string, purpose: DeliveryPurpose): void {
      const key = keyOf(tokenHash(sessionToken), purpose);
      if (spares.has(key)) return;
      const spare: Spare = {
        ready: null,
        pending: issueCredential(deps.client, sessionToken, purpose).then(
          (credential) => {
            spare.ready = credential;
          },
          (error: unknown) => {
            spares.delete(key);
            deps.log('Could not get a delivery token ahead of the request', error);
          },
        ),
      };
      spares.set(key, spare);
    },
    /** The session's spare for this purpose, if one is at hand now; it is the caller's then. */
    take,
    /** Like `take`, after the one being asked for (if any) has arrived. */
    async takeWhenReady(sessionId: string, purpose: DeliveryPurpose) {
      await spares.get(keyOf(sessionId, purpose))?.pending;
      return take(sessionId, purpose);
    },
    /** The session is over: its spares are of no use (the central kills them at sign-out). */
    forget(sessionId: string): void {
      for (const key of spares.keys()) if (key.startsWith(`${sessionId} `)) spares.delete(key);
    },
  };
}

export type SpareCredentials = ReturnType<typeof createSpareCredentials>;

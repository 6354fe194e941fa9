import {
  SpareCredential,
  issueCredential,
  tokenHash,
  type DeliveryDeps,
  type DeliveryPurpose,
} from './delivery.js';

/**
 * Delivery tokens got ahead of "Enviar", while the link still works (when a request or an answer
 * starts), one per session and purpose, sealed in the kiosk's file: a request committed after the
 * link fell takes its token from here, so it is delivered after its customer has left. The
 * central kills those left over when the session signs out without naming them.
 */
export function createSpareCredentials(
  deps: Pick<DeliveryDeps, 'store' | 'box' | 'client' | 'now'> & {
    log: (message: string, error?: unknown) => void;
  },
) {
  const asking = new Map<string, Promise<void>>();
  const purposeKey = (purpose: DeliveryPurpose) =>
    purpose.purpose === 'answer' ? `answer:${purpose.requestId}` : 'request';
  const context = (sessionId: string, purpose: string) => `outbox-spare:${sessionId}:${purpose}`;
  const keyOf = (sessionId: string, purpose: string) => `${sessionId} ${purpose}`;

  function take(sessionId: string, purpose: DeliveryPurpose): SpareCredential | null {
    const key = purposeKey(purpose);
    const sealed = deps.store.spares.take(sessionId, key);
    return sealed && SpareCredential.parse(deps.box.openJson(sealed, context(sessionId, key)));
  }

  return {
    /** Gets one in the background unless the session has one (or is getting it) already. */
    stockUp(sessionToken: string, purpose: DeliveryPurpose): void {
      const sessionId = tokenHash(sessionToken);
      const key = purposeKey(purpose);
      if (asking.has(keyOf(sessionId, key)) || deps.store.spares.has(sessionId, key)) return;
      const pending = issueCredential(deps.client, sessionToken, purpose)
        .then(
          (credential) =>
            void deps.store.spares.put(
              sessionId,
              key,
              deps.box.sealJson(credential, context(sessionId, key)),
              deps.now().toISOString(),
            ),
          (error: unknown) =>
            deps.log('Could not get a delivery token ahead of the request', error),
        )
        .finally(() => asking.delete(keyOf(sessionId, key)));
      asking.set(keyOf(sessionId, key), pending);
    },
    /** The session's spare for this purpose, if one is at hand now; it is the caller's then. */
    take,
    /** Like `take`, after the one being asked for (if any) has arrived. */
    async takeWhenReady(sessionId: string, purpose: DeliveryPurpose) {
      await asking.get(keyOf(sessionId, purposeKey(purpose)));
      return take(sessionId, purpose);
    },
    /** The session is over (`null`: every session, at start): its spares are of no use. */
    forget(sessionId: string | null): void {
      deps.store.spares.forget(sessionId);
    },
  };
}

export type SpareCredentials = ReturnType<typeof createSpareCredentials>;

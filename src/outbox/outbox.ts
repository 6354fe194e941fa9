import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { KioskStore } from '../store/index.js';
import { createAttachmentFiles } from './attachment-files.js';
import {
  OutboxPayload,
  liveCredential,
  obtainCredential,
  payloadContext,
  purposeOf,
  sha256Hex,
  signOutContext,
  storeCredential,
  tokenHash,
  type DeliveryDeps,
  type DeliveryPurpose,
} from './delivery.js';
import type { BackoffPolicy } from './retry-policy.js';
import { createSpareCredentials } from './spares.js';
import { createDeliveryWorker } from './worker.js';

export type OutboxAttachment = { requirementId: string; pdf: Uint8Array; pages: number };

export type OutboxOptions = Pick<DeliveryDeps, 'box' | 'client' | 'now' | 'sessionTokenFor'> & {
  dataDir: string;
  store: KioskStore;
  /** Prefix of the references printed on receipts: names this kiosk. */
  referencePrefix: string;
  /** Size of each upload chunk (the central takes up to 1 MiB). */
  chunkBytes?: number;
  random?: () => number;
  /** Backoff of retries (tests and benchmarks shorten it). */
  backoff?: BackoffPolicy;
  log?: (message: string, error?: unknown) => void;
};

/** The kiosk's outbox: enqueue (durable before anyone is told), and the worker that delivers. */
export function createOutbox(options: OutboxOptions) {
  const { store, box } = options;
  const files = createAttachmentFiles(path.join(options.dataDir, 'outbox'), box);
  const deps: DeliveryDeps = {
    store: store.outbox,
    files,
    box,
    client: options.client,
    now: options.now,
    sessionTokenFor: options.sessionTokenFor,
    chunkBytes: options.chunkBytes ?? 512 * 1024,
    obtaining: new Map(),
  };
  const worker = createDeliveryWorker({
    ...deps,
    ...(options.random && { random: options.random }),
    ...(options.backoff && { backoff: options.backoff }),
    ...(options.log && { log: options.log }),
  });

  const spares = createSpareCredentials({ ...deps, log: options.log ?? (() => {}) });
  // Their sessions lived in the memory of a core that has stopped.
  spares.forget(null);

  function openPayload(payload: Buffer, key: string): OutboxPayload {
    return OutboxPayload.parse(box.openJson(payload, payloadContext(key)));
  }

  return {
    worker,
    files,
    item: (sequence: number) => store.outbox.get(sequence),
    /**
     * Commits an item, its sealed attachments and `alsoInTransaction` (the draft's removal) at
     * once, with the delivery token its session got ahead (`sessionToken`'s spare) if there is
     * one. The files are written and synced first; if the commit fails they are removed.
     */
    enqueue(input: {
      owner: string;
      payload: OutboxPayload;
      attachments: readonly OutboxAttachment[];
      alsoInTransaction?: () => void;
      sessionToken?: string;
    }) {
      const idempotencyKey = randomUUID();
      const written = input.attachments.map((attachment) => ({
        requirementId: attachment.requirementId,
        pages: attachment.pages,
        sha256: sha256Hex(attachment.pdf),
        size: attachment.pdf.byteLength,
        fileName: files.write(attachment.pdf),
      }));
      const sessionId = input.sessionToken && tokenHash(input.sessionToken);
      try {
        return store.transaction(() => {
          const added = store.outbox.enqueue(
            {
              idempotencyKey,
              kind: input.payload.kind,
              owner: input.owner,
              payload: box.sealJson(input.payload, payloadContext(idempotencyKey)),
              createdAt: options.now().toISOString(),
              attachments: written,
            },
            options.referencePrefix,
          );
          // Taken out in the same transaction: a spare serves one item, and survives a failure.
          const spare = sessionId ? spares.take(sessionId, purposeOf(input.payload)) : null;
          if (spare) storeCredential(deps, { ...added, idempotencyKey }, spare);
          input.alsoInTransaction?.();
          return { ...added, idempotencyKey };
        });
      } catch (error) {
        written.forEach((file) => files.remove(file.fileName));
        throw error;
      }
    },
    /**
     * Gets the item's delivery token now, while its customer's session is alive: the spare being
     * asked for when the request was committed, or a new one.
     */
    async prepare(sequence: number, sessionToken: string) {
      const item = store.outbox.get(sequence);
      // Delivered already, or the worker got its credential first: its number is the one kept.
      if (!item?.payload || liveCredential(deps, sequence)) return;
      const payload = openPayload(item.payload, item.idempotencyKey);
      await obtainCredential(deps, item, payload, sessionToken, () =>
        spares.takeWhenReady(tokenHash(sessionToken), purposeOf(payload)),
      );
    },
    /** A request or an answer starts: get its delivery token while the link works. */
    stockUp(sessionToken: string, purpose: DeliveryPurpose) {
      spares.stockUp(sessionToken, purpose);
    },
    /** The session was wiped here: its spares go. */
    forget(sessionToken: string) {
      spares.forget(tokenHash(sessionToken));
    },
    /**
     * The customer left: their session ends on the central, naming the tokens of their queued
     * deliveries. Kept here first (so a crash or a fallen link does not lose it) and sent by the
     * worker behind those deliveries; nothing here waits for the central.
     */
    signOut(sessionToken: string) {
      const sessionId = tokenHash(sessionToken);
      spares.forget(sessionId);
      store.outbox.signOuts.add({
        sessionId,
        payload: box.sealJson({ token: sessionToken }, signOutContext(sessionId)),
        afterSequence: store.outbox.lastSequence(),
        at: options.now().toISOString(),
      });
      worker.kick();
    },
    /** The central answers again after a fall: what waits for a retry goes now. */
    linkBack() {
      store.outbox.wakeWaiting(options.now().toISOString());
      worker.kick();
    },
    /** Items still at the kiosk of one customer, with their titles, for "Mis trámites". */
    pendingOf(owner: string) {
      return store.outbox.pendingOf(owner).map((item) => ({
        reference: item.reference,
        number: item.requestNumber,
        createdAt: item.createdAt,
        state: item.state === 'rejected' ? ('rejected' as const) : ('pending' as const),
        lastError: item.lastError,
        title: item.payload ? openPayload(item.payload, item.idempotencyKey).title : '',
      }));
    },
    /** The customer is back (signed in again): items waiting for a credential may go now. */
    resumeFor(owner: string) {
      const now = options.now().toISOString();
      const waiting = store.outbox.needingAuthOf(owner);
      waiting.forEach((item) => store.outbox.wake(item.sequence, now));
      if (waiting.length) worker.kick();
    },
  };
}

export type Outbox = ReturnType<typeof createOutbox>;

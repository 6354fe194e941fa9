import type { OutboxItemView } from '../contract/index.js';
import type { KioskStore } from '../store/index.js';
import type { CentralClient } from '../sync/central-client.js';
import { fleetErrors } from './messages.js';
import type { StaffAtKioskState } from './staff-session.js';

/** What the panel needs of the outbox: its files and its worker, never its sealed contents. */
export type OutboxHandle = {
  files: { remove(fileName: string): void };
  worker: { kick(): void };
};

/**
 * The outbox as staff handle it: what waits or was refused and why, trying a refused item again,
 * dropping one with a reason. Each retry or discard is recorded on the central (who, which
 * kiosk, which item, why) before it happens here: with the central unreachable, nothing changes.
 */
export function createOutboxPanel(deps: {
  store: Pick<KioskStore, 'outbox' | 'outboxReview' | 'checkpoint'>;
  outbox: OutboxHandle;
  client: CentralClient;
  staff: StaffAtKioskState;
  now: () => Date;
}) {
  const { store, outbox, client, staff } = deps;

  function stuckItem(reference: string) {
    const item = store.outbox.byReference(reference);
    if (!item || item.state === 'delivered') throw fleetErrors.itemNotFound();
    if (item.state === 'waiting') throw fleetErrors.itemNotStuck();
    return item;
  }

  async function recordOnCentral(
    action: 'outbox-retry' | 'outbox-discard',
    item: ReturnType<typeof stuckItem>,
    reason: string | undefined,
  ) {
    await staff.onCentral((token) =>
      client.call('staffKioskAudit', {
        token,
        body: {
          action,
          itemReference: item.reference,
          requestNumber: item.requestNumber,
          lastError: item.lastError?.slice(0, 500) ?? null,
          ...(reason !== undefined && { reason }),
        },
      }),
    );
  }

  return {
    items(): OutboxItemView[] {
      return store.outboxReview.open().map((row) => ({
        itemId: row.reference,
        kind: row.kind,
        state: row.state,
        attempts: row.attempts,
        reason: row.lastError,
        requestNumber: row.requestNumber,
        createdAt: row.createdAt,
        nextAttemptAt: row.state === 'waiting' ? row.nextAttemptAt : null,
      }));
    },
    async retry(itemId: string, reason?: string): Promise<void> {
      const item = stuckItem(itemId);
      await recordOnCentral('outbox-retry', item, reason);
      if (store.outboxReview.requeue(item.sequence, deps.now().toISOString())) outbox.worker.kick();
    },
    async discard(itemId: string, reason: string): Promise<void> {
      const item = stuckItem(itemId);
      await recordOnCentral('outbox-discard', item, reason);
      const files = store.outboxReview.discard(item.sequence);
      // After the commit: a crash before this line leaves files that the next start sweeps.
      files?.forEach((fileName) => outbox.files.remove(fileName));
      store.checkpoint();
    },
    /** "Sincronizar ahora": whatever waits is tried at once, backoff or not. */
    hurry(): void {
      store.outboxReview.hurryWaiting(deps.now().toISOString());
      outbox.worker.kick();
    },
  };
}

export type OutboxPanel = ReturnType<typeof createOutboxPanel>;

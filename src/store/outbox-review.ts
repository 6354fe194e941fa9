import type { SqliteDatabase } from './database.js';
import type { OutboxKind } from './outbox-store.js';

/** An item not delivered yet, as the staff panel lists it. */
export type OutboxReviewRow = {
  sequence: number;
  reference: string;
  kind: OutboxKind;
  state: 'waiting' | 'rejected' | 'needs-auth';
  attempts: number;
  lastError: string | null;
  requestNumber: string | null;
  createdAt: string;
  nextAttemptAt: string;
};

/**
 * What staff do to the outbox: see what is stuck, send a rejected item again, or drop it. Only
 * items the worker leaves alone (rejected, or waiting for a credential) are requeued or dropped,
 * so nothing is taken from under a delivery in progress.
 */
export function createOutboxReview(db: SqliteDatabase) {
  const stuck = "state IN ('rejected', 'needs-auth')";
  return {
    /** Up to `limit` undelivered items, oldest first. */
    open: (limit = 200) =>
      db
        .prepare<[number], OutboxReviewRow>(
          `SELECT sequence, reference, kind, state, attempts, last_error AS lastError,
             request_number AS requestNumber, created_at AS createdAt,
             next_attempt_at AS nextAttemptAt
           FROM outbox_items WHERE state != 'delivered' ORDER BY sequence LIMIT ?`,
        )
        .all(limit),
    /** Back in the queue, due now; false when the item is not stuck. */
    requeue: (sequence: number, now: string) =>
      db
        .prepare(
          `UPDATE outbox_items SET state = 'waiting', next_attempt_at = ?
           WHERE sequence = ? AND ${stuck}`,
        )
        .run(now, sequence).changes === 1,
    /** Every waiting item due now ("Sincronizar ahora" does not wait for the backoff). */
    hurryWaiting: (now: string) =>
      db
        .prepare(
          `UPDATE outbox_items SET next_attempt_at = ?
           WHERE state = 'waiting' AND next_attempt_at > ?`,
        )
        .run(now, now).changes,
    /**
     * Deletes a stuck item and its attachments' rows; answers the files to remove once committed,
     * or null when the item is not stuck.
     */
    discard: (sequence: number): string[] | null =>
      db.transaction(() => {
        const files = db
          .prepare<[number], { fileName: string }>(
            'SELECT file_name AS fileName FROM outbox_attachments WHERE sequence = ?',
          )
          .all(sequence)
          .map((row) => row.fileName);
        const deleted = db
          .prepare(`DELETE FROM outbox_items WHERE sequence = ? AND ${stuck}`)
          .run(sequence).changes;
        return deleted === 1 ? files : null;
      })(),
  };
}

export type OutboxReview = ReturnType<typeof createOutboxReview>;

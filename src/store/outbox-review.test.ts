import { describe, expect, it } from 'vitest';
import { useTempDir } from '../testing/use-temp-dir.js';
import { openKioskStore } from './index.js';

const at = '2026-03-02T12:00:00.000Z';
const later = '2026-03-02T12:05:00.000Z';

describe('the outbox as staff see it', () => {
  const temp = useTempDir('ventanilla-review-');

  function withItems() {
    const store = openKioskStore(temp.dir);
    const add = (key: string, fileName: string) =>
      store.outbox.enqueue(
        {
          idempotencyKey: key,
          kind: 'request',
          owner: 'o',
          payload: Buffer.from('sellado'),
          createdAt: at,
          attachments: [
            { requirementId: 'dni', fileName, sha256: 'f'.repeat(64), size: 1, pages: 1 },
          ],
        },
        'ABC123',
      );
    const waiting = add('k1', 'a.bin');
    const rejected = add('k2', 'b.bin');
    store.outbox.settle(rejected.sequence, 'rejected', '422 refused');
    return { store, waiting, rejected };
  }

  it('lists what is not delivered, oldest first, with the reasons', () => {
    const { store, waiting, rejected } = withItems();
    expect(store.outboxReview.open()).toEqual([
      expect.objectContaining({ reference: waiting.reference, state: 'waiting', lastError: null }),
      expect.objectContaining({
        reference: rejected.reference,
        state: 'rejected',
        lastError: '422 refused',
      }),
    ]);
    store.close();
  });

  it('requeues and discards stuck items only, answering the files to remove', () => {
    const { store, waiting, rejected } = withItems();
    expect(store.outboxReview.requeue(waiting.sequence, later)).toBe(false);
    expect(store.outboxReview.discard(waiting.sequence)).toBeNull();
    expect(store.outbox.get(waiting.sequence)).not.toBeNull();

    expect(store.outboxReview.requeue(rejected.sequence, later)).toBe(true);
    expect(store.outbox.get(rejected.sequence)).toMatchObject({
      state: 'waiting',
      nextAttemptAt: later,
    });
    store.outbox.settle(rejected.sequence, 'needs-auth', '401');
    expect(store.outboxReview.discard(rejected.sequence)).toEqual(['b.bin']);
    expect(store.outbox.get(rejected.sequence)).toBeNull();
    expect(store.outbox.attachments(rejected.sequence)).toEqual([]);
    store.close();
  });

  it('makes every waiting item due now for "Sincronizar ahora"', () => {
    const { store, waiting } = withItems();
    store.outbox.scheduleRetry(waiting.sequence, '2026-03-02T13:00:00.000Z', 'sin conexión');
    expect(store.outboxReview.hurryWaiting(later)).toBe(1);
    expect(store.outbox.due(later).map((item) => item.sequence)).toEqual([waiting.sequence]);
    store.close();
  });
});

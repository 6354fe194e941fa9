import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import { idempotentReplayHeader } from '../../src/contract/index.js';
import { startRequestsApp, type RequestsApp, type Reply } from '../requests/test-app.js';
import { internetRequest } from '../requests/test-submissions.js';
import { describeEachEngine } from '../testing/engines.js';

type Body = Awaited<ReturnType<typeof internetRequest>>;
/** One delivery as a kiosk's outbox makes it: its key, its body and its delivery token. */
type Delivery = { key: string; token: string; number: string; bodies: [Body, Body] };
/** A copy sent: which delivery, and whether with its own body or another under the same key. */
type Copy = { delivery: number; tampered: boolean };

/** Copies of each delivery, shuffled, sent in batches whose copies travel at the same time. */
const schedules = fc
  .array(fc.record({ copies: fc.integer({ min: 1, max: 3 }), tampered: fc.boolean() }), {
    minLength: 1,
    maxLength: 4,
  })
  .chain((deliveries) => {
    const copies: Copy[] = deliveries.flatMap(({ copies, tampered }, delivery) => [
      ...Array.from({ length: copies }, () => ({ delivery, tampered: false })),
      ...(tampered ? [{ delivery, tampered: true }] : []),
    ]);
    return fc.tuple(
      fc.constant(deliveries.length),
      fc.shuffledSubarray(copies, { minLength: copies.length }),
      fc.array(fc.integer({ min: 1, max: 3 }), { minLength: copies.length }),
    );
  });

function inBatches<T>(items: T[], sizes: number[]): T[][] {
  const batches: T[][] = [];
  for (let at = 0, i = 0; at < items.length; i++) {
    const size = sizes[i] ?? 1;
    batches.push(items.slice(at, at + size));
    at += size;
  }
  return batches;
}

/**
 * Replayed, reordered and duplicated deliveries against the central's idempotency, as a kiosk
 * that lost answers, crashed and came back sends them: whatever the order, each key files one
 * request; every copy of the body that won gets the same answer; the other body under that key
 * gets 422 (or 409 while the first copy is still running).
 */
describeEachEngine('replayed, reordered and duplicated deliveries', (engine) => {
  let h: RequestsApp;
  let ana: Awaited<ReturnType<RequestsApp['customer']>>;
  let base: Body;
  beforeAll(async () => {
    h = await startRequestsApp(engine, { idempotencyClaimMs: 30_000 });
    ana = await h.customer();
    base = await internetRequest(h, ana.headers);
  });

  const withNumber = (streetNumber: string): Body => ({
    ...base,
    fields: {
      ...base.fields,
      'service-address': { ...base.fields['service-address'], streetNumber },
    },
  });
  const requestsOfAna = async () =>
    (await h.db.selectFrom('requests').select('id').where('account_id', '=', ana.id).execute())
      .length;

  async function newDelivery(index: number): Promise<Delivery> {
    const granted = await h.post('/api/v1/delivery-tokens', { purpose: 'request' }, ana.headers);
    return {
      key: randomUUID(),
      token: String(granted.body.token),
      number: String(granted.body.requestNumber),
      bodies: [withNumber(`${index}1`), withNumber(`${index}2`)],
    };
  }

  const send = (delivery: Delivery, tampered: boolean): Promise<Reply> =>
    h.post('/api/v1/requests', delivery.bodies[tampered ? 1 : 0], {
      authorization: `Delivery ${delivery.token}`,
      'x-kiosk-id': 'kiosco-1',
      'idempotency-key': delivery.key,
    });

  it('files each key once and answers every copy of it the same', async () => {
    await fc.assert(
      fc.asyncProperty(schedules, async ([count, copies, sizes]) => {
        const before = await requestsOfAna();
        const deliveries = await Promise.all(
          Array.from({ length: count }, (_, index) => newDelivery(index)),
        );
        const answers = deliveries.map(() => ({ own: [] as Reply[], tampered: [] as Reply[] }));
        for (const batch of inBatches(copies, sizes)) {
          const replies = await Promise.all(
            batch.map((copy) => send(deliveries[copy.delivery]!, copy.tampered)),
          );
          replies.forEach((reply, i) => {
            const copy = batch[i]!;
            answers[copy.delivery]![copy.tampered ? 'tampered' : 'own'].push(reply);
          });
        }
        // A kiosk keeps sending what was held back (409) until it has an answer.
        for (const [index, delivery] of deliveries.entries()) {
          const answered = [...answers[index]!.own, ...answers[index]!.tampered];
          if (!answered.some((reply) => reply.status === 201)) {
            answers[index]!.own.push(await send(delivery, false));
          }
        }

        expect(await requestsOfAna()).toBe(before + count);
        for (const [index, delivery] of deliveries.entries()) {
          const { own, tampered } = answers[index]!;
          const wonByOwn = own.some((reply) => reply.status === 201);
          const [winners, losers] = wonByOwn ? [own, tampered] : [tampered, own];
          const filed = winners.filter((reply) => reply.status === 201);
          expect(filed.length).toBeGreaterThan(0);
          for (const reply of filed) expect(reply.body).toEqual(filed[0]!.body);
          expect(filed[0]!.body.number).toBe(delivery.number);
          expect(filed.filter((reply) => !reply.headers[idempotentReplayHeader])).toHaveLength(1);
          for (const reply of winners.filter((r) => r.status !== 201)) {
            expect(reply.body.code).toBe('idempotency_in_flight');
          }
          for (const reply of losers) {
            expect(['idempotency_key_reused', 'idempotency_in_flight']).toContain(reply.body.code);
          }
        }
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 25) },
    );
  }, 120_000);
});

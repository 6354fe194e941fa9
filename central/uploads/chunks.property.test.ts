import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { beforeAll, expect, it } from 'vitest';
import {
  makePdf,
  sha256Hex,
  startRequestsApp,
  type RequestsApp,
  type Reply,
} from '../requests/test-app.js';
import { describeEachEngine } from '../testing/engines.js';

/** How a chunk was damaged on the way: its checksum, or its bytes (with a checksum to match). */
type Damage = 'none' | 'checksum' | 'bytes';

const runs = fc.record({
  /** Where the file is cut into pieces, in thousandths of its size. */
  cuts: fc.uniqueArray(fc.integer({ min: 1, max: 999 }), { maxLength: 5 }),
  /** Chunks sent: which piece of the file each is, and its damage. */
  sends: fc.array(
    fc.record({
      piece: fc.nat(),
      damage: fc.oneof(
        { weight: 4, arbitrary: fc.constant<Damage>('none') },
        fc.constantFrom<Damage>('checksum', 'bytes'),
      ),
    }),
    { maxLength: 12 },
  ),
  /** How many chunks travel at the same time, batch by batch. */
  batches: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 12, maxLength: 12 }),
});

/**
 * Chunks of an upload replayed, reordered, duplicated, damaged and sent at the same time, then a
 * kiosk that finishes the file properly: the central keeps only chunks at its offset with their
 * checksum; the upload ends with the announced file stored byte for byte, or with a clean refusal
 * (nothing stored under the announced hash) after which sending it again stores it.
 */
describeEachEngine('reordered, duplicated and damaged chunks', (engine) => {
  let h: RequestsApp;
  let headers: Record<string, string>;
  beforeAll(async () => {
    h = await startRequestsApp(engine);
    headers = (await h.customer()).headers;
  });

  const stored = (file: Buffer) => h.stored(sha256Hex(file));

  /** Sends what the central does not have yet, from its offset, until it completes or refuses. */
  async function finish(file: Buffer, uploadId: string): Promise<Reply> {
    for (;;) {
      const status = await h.get(`/api/v1/uploads/${uploadId}`, headers);
      if (status.status !== 200 || status.body.complete === true) return status;
      const offset = Number(status.body.offset);
      const reply = await h.sendChunk(headers, uploadId, offset, file.subarray(offset));
      if (reply.status !== 200 && reply.status !== 409) return reply;
    }
  }

  it('stores the announced file exactly, or refuses cleanly', async () => {
    await fc.assert(
      fc.asyncProperty(runs, async ({ cuts, sends, batches }) => {
        const file = await makePdf(1, randomUUID(), 20_000);
        const bounds = [
          0,
          ...[...cuts].sort((a, b) => a - b).map((c) => Math.floor((c * file.length) / 1000)),
          file.length,
        ];
        const pieces = bounds
          .slice(1)
          .map((end, i) => ({ start: bounds[i]!, end }))
          .filter((p) => p.end > p.start);
        const created = await h.post(
          '/api/v1/uploads',
          { sha256: sha256Hex(file), size: file.length, mediaType: 'application/pdf' },
          headers,
        );
        const uploadId = String(created.body.uploadId);

        let at = 0;
        let appliedDamage = false;
        for (const size of batches) {
          const batch = sends.slice(at, at + size);
          at += size;
          const replies = await Promise.all(
            batch.map(({ piece, damage }) => {
              const { start, end } = pieces[piece % pieces.length]!;
              const bytes = Buffer.from(file.subarray(start, end));
              const last = bytes.length - 1;
              if (damage === 'bytes') bytes.writeUInt8(bytes.readUInt8(last) ^ 0xff, last);
              const checksumOf = damage === 'checksum' ? Buffer.from(bytes).reverse() : bytes;
              return h.sendChunk(headers, uploadId, start, bytes, checksumOf);
            }),
          );
          replies.forEach((reply, i) => {
            const { piece, damage } = batch[i]!;
            const { end } = pieces[piece % pieces.length]!;
            if (reply.status === 200) expect(reply.body.offset).toBe(end);
            if (damage === 'checksum') expect([409, 460, 404]).toContain(reply.status);
            if (damage === 'bytes' && [200, 422].includes(reply.status)) appliedDamage = true;
            expect([200, 409, 460, 422, 404]).toContain(reply.status);
          });
        }

        const last = await finish(file, uploadId);
        if (appliedDamage) {
          // A chunk with its own good checksum but other bytes: the whole hash catches it.
          expect((await h.get(`/api/v1/uploads/${uploadId}`, headers)).status).toBe(404);
          expect(await stored(file)).toBeNull();
          const again = await h.post(
            '/api/v1/uploads',
            { sha256: sha256Hex(file), size: file.length, mediaType: 'application/pdf' },
            headers,
          );
          expect((await finish(file, String(again.body.uploadId))).body.complete).toBe(true);
        } else {
          expect(last.body).toMatchObject({ complete: true, offset: file.length, pages: 1 });
        }
        expect((await stored(file))?.equals(file)).toBe(true);
      }),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 30) },
    );
  }, 120_000);
});

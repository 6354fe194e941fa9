import { randomBytes } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { makePdf, sha256Hex, startRequestsApp, type RequestsApp } from '../requests/test-app.js';
import { describeEachEngine } from '../testing/engines.js';

const fifteenMb = 15 * 1024 * 1024;

describeEachEngine('per-account upload quotas', (engine) => {
  let h: RequestsApp;
  beforeAll(async () => {
    h = await startRequestsApp(engine);
  });

  /** Bytes the central keeps for uploads in progress (part files, or chunk rows). */
  async function bytesInProgress(): Promise<number> {
    if (engine.name === 'sqlite') {
      const dir = path.join(h.dataDir, 'uploads');
      let total = 0;
      for (const name of readdirSync(dir)) {
        total += statSync(path.join(dir, name)).size;
      }
      return total;
    }
    const rows = await h.db.selectFrom('upload_chunks').select('bytes').execute();
    return rows.reduce((sum, row) => sum + row.bytes.length, 0);
  }

  it('refuses, past the quota, 20 announcements of 15 MB by one account with one chunk each', async () => {
    const ana = await h.customer();
    const head = (await makePdf(1, undefined, 300_000)).subarray(0, 256 * 1024);
    const answers: { status: number; code: unknown; message: unknown }[] = [];
    for (let i = 0; i < 20; i++) {
      const created = await h.post(
        '/api/v1/uploads',
        { sha256: sha256Hex(randomBytes(32)), size: fifteenMb, mediaType: 'application/pdf' },
        ana.headers,
      );
      answers.push({
        status: created.status,
        code: created.body.code,
        message: created.body.message,
      });
      if (created.status === 201) {
        const chunk = await h.sendChunk(ana.headers, String(created.body.uploadId), 0, head);
        expect(chunk.status).toBe(200);
      }
    }
    const accepted = answers.filter((answer) => answer.status === 201).length;
    expect(accepted).toBe(4);
    const refused = answers.slice(accepted);
    for (const answer of refused) {
      expect(answer).toMatchObject({ status: 429, code: 'upload_quota_exceeded' });
      expect(String(answer.message)).toMatch(/Esperá a que terminen/);
    }
    expect(await bytesInProgress()).toBeLessThanOrEqual(4 * head.length);

    // Another account is not held back by Ana's uploads.
    const beto = await h.customer();
    const file = await makePdf(1);
    expect((await h.upload(beto.headers, file)).status).toBe(200);
  });

  it('refuses an account with too many uploads open, whatever their size', async () => {
    const ana = await h.customer();
    const hashes = Array.from({ length: 12 }, () => sha256Hex(randomBytes(32)));
    const announce = (sha256: string) =>
      h.post('/api/v1/uploads', { sha256, size: 1_000, mediaType: 'application/pdf' }, ana.headers);
    const statuses: number[] = [];
    let last: Awaited<ReturnType<RequestsApp['post']>> | undefined;
    for (const sha256 of hashes) {
      last = await announce(sha256);
      statuses.push(last.status);
    }
    expect(statuses).toEqual([...Array<number>(10).fill(201), 429, 429]);
    expect(last?.body.code).toBe('too_many_open_uploads');
    expect(last?.headers['retry-after']).toBe('60');

    // Announcing again one already open resumes it: never refused by the quota.
    expect((await announce(hashes[0]!)).status).toBe(200);
  });

  it('lets an account announce again once its uploads expire', async () => {
    const ana = await h.customer();
    for (let i = 0; i < 10; i++) {
      await h.post(
        '/api/v1/uploads',
        { sha256: sha256Hex(randomBytes(32)), size: 1_000, mediaType: 'application/pdf' },
        ana.headers,
      );
    }
    const file = await makePdf(1);
    expect((await h.upload(ana.headers, file)).status).toBe(429);
    h.clock.advance(25 * 3_600_000);
    expect((await h.upload(ana.headers, file)).status).toBe(200);
  });
});

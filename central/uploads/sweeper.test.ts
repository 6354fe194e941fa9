import { beforeAll, expect, it } from 'vitest';
import { defaultRequestsConfig } from '../requests/context.js';
import {
  idempotency,
  makePdf,
  sha256Hex,
  startRequestsApp,
  type RequestsApp,
} from '../requests/test-app.js';
import { internetRequest } from '../requests/test-submissions.js';
import { describeEachEngine } from '../testing/engines.js';
import { attachmentFiles } from './file-store.js';
import { sweepUploads } from './sweeper.js';

const hour = 3_600_000;

describeEachEngine('the uploads sweeper', (engine) => {
  let h: RequestsApp;
  let sweep: () => ReturnType<typeof sweepUploads>;
  beforeAll(async () => {
    h = await startRequestsApp(engine);
    const files = attachmentFiles(engine.name, h.db, h.dataDir);
    sweep = () =>
      sweepUploads({ db: h.db, now: h.clock.now, files, config: defaultRequestsConfig });
  });

  it('removes abandoned uploads and unused files after their time, keeps what a request references and what completes meanwhile', async () => {
    const ana = await h.customer();
    // Abandoned halfway.
    const abandoned = await makePdf(1, undefined, 40_000);
    const created = await h.post(
      '/api/v1/uploads',
      { sha256: sha256Hex(abandoned), size: abandoned.length, mediaType: 'application/pdf' },
      ana.headers,
    );
    const abandonedId = String(created.body.uploadId);
    expect(
      (await h.sendChunk(ana.headers, abandonedId, 0, abandoned.subarray(0, 10_000))).status,
    ).toBe(200);
    // Complete, never sent in a request.
    const unused = await makePdf(1, undefined, 20_000);
    expect((await h.upload(ana.headers, unused)).status).toBe(200);
    // Complete and sent in a request.
    const sent = await h.post('/api/v1/requests', await internetRequest(h, ana.headers), {
      ...(await h.delivering(ana.headers)),
      ...idempotency(),
    });
    expect(sent.status).toBe(201);
    const referenced = await h.db.selectFrom('request_attachments').select('sha256').execute();
    expect(referenced.length).toBeGreaterThan(0);

    // Nothing is old enough yet.
    expect(await sweep()).toEqual({
      expiredUploads: 0,
      expiredBytes: 0,
      unusedAttachments: 0,
      unusedBytes: 0,
    });
    expect(await h.stored(sha256Hex(unused))).not.toBeNull();

    h.clock.advance(49 * hour);
    // An upload that completes while the sweep runs is younger than the grace period: it stays.
    const fresh = await makePdf(1);
    const [figures, freshUpload] = await Promise.all([sweep(), h.upload(ana.headers, fresh)]);
    expect(freshUpload.status).toBe(200);
    expect(figures).toMatchObject({
      expiredUploads: 1,
      expiredBytes: 10_000,
      unusedAttachments: 1,
      unusedBytes: unused.length,
    });

    expect((await h.get(`/api/v1/uploads/${abandonedId}`, ana.headers)).status).toBe(404);
    expect(await h.stored(sha256Hex(unused))).toBeNull();
    expect(await h.stored(sha256Hex(fresh))).not.toBeNull();
    for (const { sha256 } of referenced) expect(await h.stored(sha256)).not.toBeNull();
    if (engine.name === 'postgres') {
      const chunks = await h.db
        .selectFrom('upload_chunks')
        .select('upload_id')
        .where('upload_id', '=', abandonedId)
        .execute();
      expect(chunks).toEqual([]);
    }

    // A second sweep finds nothing more: the referenced files stay however old they are.
    h.clock.advance(100 * hour);
    const again = await sweep();
    expect(again.unusedAttachments).toBe(1);
    expect(await h.stored(sha256Hex(fresh))).toBeNull();
    for (const { sha256 } of referenced) expect(await h.stored(sha256)).not.toBeNull();
  });
});

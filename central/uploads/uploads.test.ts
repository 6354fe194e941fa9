import { createHash } from 'node:crypto';
import { renameSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { attachmentLimits } from '../../src/contract/index.js';
import { makePdf, sha256Hex, startRequestsApp, type RequestsApp } from '../requests/test-app.js';
import { startSuppliesApp } from '../supplies/test-app.js';
import { describeEachEngine } from '../testing/engines.js';

const announce = (file: Buffer) => ({
  sha256: sha256Hex(file),
  size: file.length,
  mediaType: 'application/pdf',
});

describeEachEngine('uploads of attachments', (engine) => {
  let h: RequestsApp;
  let ana: Awaited<ReturnType<RequestsApp['customer']>>;
  beforeAll(async () => {
    h = await startRequestsApp(engine, { uploadLifetimeMs: 60 * 60_000 });
    ana = await h.customer();
  });

  /** Puts a complete file back where its upload's chunks wait, as if never moved to its address. */
  async function backToChunks(uploadId: string, sha256: string) {
    if (engine.name === 'sqlite') {
      const stored = path.join(h.dataDir, 'attachments', sha256.slice(0, 2), sha256);
      renameSync(stored, path.join(h.dataDir, 'uploads', `${uploadId}.part`));
      return;
    }
    const bytes = (await h.stored(sha256))!;
    await h.db.deleteFrom('attachment_blobs').where('sha256', '=', sha256).execute();
    await h.db
      .insertInto('upload_chunks')
      .values({ upload_id: uploadId, position: 0, bytes })
      .execute();
  }

  async function start(file: Buffer, headers = ana.headers) {
    const created = await h.post('/api/v1/uploads', announce(file), headers);
    expect(created.status).toBe(201);
    return String(created.body.uploadId);
  }

  it('takes a file in several chunks, stores it by its hash and counts its pages', async () => {
    const file = await makePdf(3, undefined, 150_000);
    const uploadId = await start(file);
    const size = 50_000;
    let last;
    for (let offset = 0; offset < file.length; offset += size) {
      last = await h.sendChunk(ana.headers, uploadId, offset, file.subarray(offset, offset + size));
      expect(last.status).toBe(200);
      expect(last.headers['upload-offset']).toBe(String(Math.min(offset + size, file.length)));
    }
    expect(last?.body).toMatchObject({ complete: true, offset: file.length, pages: 3 });
    expect((await h.stored(sha256Hex(file)))?.equals(file)).toBe(true);

    if (engine.name === 'sqlite') {
      // The offset's commit skipped its own sync; every other commit still syncs.
      const mode = await sql<{ synchronous: number }>`pragma synchronous`.execute(h.db);
      expect(mode.rows[0]?.synchronous).toBe(2);
    }

    // Announcing it again answers the complete upload: nothing to send.
    const again = await h.post('/api/v1/uploads', announce(file), ana.headers);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ uploadId, complete: true, offset: file.length });
  });

  it('refuses a chunk at another offset with 409 and the central’s offset; the kiosk resumes from HEAD', async () => {
    const file = await makePdf(1, undefined, 30_000);
    const uploadId = await start(file);
    expect((await h.sendChunk(ana.headers, uploadId, 0, file.subarray(0, 10_000))).status).toBe(
      200,
    );

    // The answer to the next chunk was lost; the kiosk, unsure, sends the one after it.
    const skipped = await h.sendChunk(ana.headers, uploadId, 20_000, file.subarray(20_000));
    expect(skipped.status).toBe(409);
    expect(skipped.body.code).toBe('offset_mismatch');
    expect(skipped.headers['upload-offset']).toBe('10000');
    // Sending the first chunk again is refused the same way: nothing is written twice.
    expect((await h.sendChunk(ana.headers, uploadId, 0, file.subarray(0, 10_000))).status).toBe(
      409,
    );

    const head = await h.call('HEAD', `/api/v1/uploads/${uploadId}`, ana.headers);
    expect(head.status).toBe(200);
    expect(head.headers['upload-offset']).toBe('10000');
    const status = await h.get(`/api/v1/uploads/${uploadId}`, ana.headers);
    expect(status.body).toMatchObject({ offset: 10_000, complete: false });

    const rest = await h.sendChunk(ana.headers, uploadId, 10_000, file.subarray(10_000));
    expect(rest.status).toBe(200);
    expect(rest.body).toMatchObject({ complete: true, pages: 1 });
  });

  it('refuses a chunk whose checksum does not match and drops it', async () => {
    const file = await makePdf(1, undefined, 20_000);
    const uploadId = await start(file);
    const chunk = file.subarray(0, 8_000);
    const damaged = Buffer.from(chunk);
    damaged[100] = damaged[100]! ^ 0xff;
    const refused = await h.sendChunk(ana.headers, uploadId, 0, damaged, chunk);
    expect(refused.status).toBe(460);
    expect(refused.body.code).toBe('checksum_mismatch');
    expect((await h.get(`/api/v1/uploads/${uploadId}`, ana.headers)).body.offset).toBe(0);

    // A well-formed header whose digest is of other bytes: refused too.
    const forged = await h.sendChunk(ana.headers, uploadId, 0, chunk, Buffer.from('otra cosa'));
    expect(forged.status).toBe(460);

    expect((await h.sendChunk(ana.headers, uploadId, 0, file)).body).toMatchObject({
      complete: true,
    });
  });

  it('refuses and discards a file whose whole hash is not the announced one', async () => {
    const file = await makePdf(1);
    const other = await makePdf(1);
    expect(other.length).toBe(file.length);
    const uploadId = await start(file);
    const refused = await h.sendChunk(ana.headers, uploadId, 0, other);
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('hash_mismatch');
    expect((await h.get(`/api/v1/uploads/${uploadId}`, ana.headers)).status).toBe(404);
    expect(await h.stored(sha256Hex(other))).toBeNull();
  });

  it('completes, when announced again, an upload whose bytes all landed but whose completion did not', async () => {
    // The central stopped after recording the last chunk (the file still a part), or after moving
    // the file to its address; either way before recording the completion.
    for (const stoppedAfter of ['last chunk', 'move'] as const) {
      const file = await makePdf(2, undefined, 20_000);
      const uploadId = await start(file);
      expect((await h.sendChunk(ana.headers, uploadId, 0, file)).status).toBe(200);
      await h.db
        .updateTable('uploads')
        .set({ completed_at: null, pages: null })
        .where('id', '=', uploadId)
        .execute();
      if (stoppedAfter === 'last chunk') await backToChunks(uploadId, sha256Hex(file));
      const again = await h.post('/api/v1/uploads', announce(file), ana.headers);
      expect(again.status, stoppedAfter).toBe(200);
      expect(again.body).toMatchObject({ uploadId, complete: true, offset: file.length, pages: 2 });
      expect((await h.stored(sha256Hex(file)))?.equals(file)).toBe(true);
    }
  });

  it('accepts only PDFs, by their first bytes whatever the name', async () => {
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2_000, 7)]);
    const html = Buffer.from('<!DOCTYPE html><html><body>factura.pdf</body></html>');
    for (const [file, found] of [
      [jpeg, 'es una imagen JPEG'],
      [html, 'es una página web (HTML)'],
    ] as const) {
      const uploadId = await start(file);
      const refused = await h.sendChunk(ana.headers, uploadId, 0, file);
      expect(refused.status).toBe(415);
      expect(refused.body).toMatchObject({ code: 'not_a_pdf' });
      expect(String(refused.body.message)).toContain(found);
      expect((await h.get(`/api/v1/uploads/${uploadId}`, ana.headers)).status).toBe(404);
    }
    // Starts like a PDF but is not one: refused once complete.
    const fake = Buffer.from('%PDF-1.7\nno es un PDF de verdad\n');
    const uploadId = await start(fake);
    const refused = await h.sendChunk(ana.headers, uploadId, 0, fake);
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('invalid_pdf');
  });

  it('refuses files over the size limit and chunks over the chunk limit, in Spanish', async () => {
    const tooBig = await h.post(
      '/api/v1/uploads',
      {
        sha256: 'a'.repeat(64),
        size: attachmentLimits.maxFileBytes + 1,
        mediaType: 'application/pdf',
      },
      ana.headers,
    );
    expect(tooBig.status).toBe(400);
    expect(tooBig.body).toMatchObject({
      field: 'size',
      message: 'Cada adjunto puede tener hasta 15 MB.',
    });

    const file = Buffer.concat([
      Buffer.from('%PDF-1.7\n'),
      Buffer.alloc(attachmentLimits.maxChunkBytes + 10),
    ]);
    const uploadId = await start(file);
    const refused = await h.sendChunk(ana.headers, uploadId, 0, file);
    expect(refused.status).toBe(413);
    expect(refused.body).toMatchObject({ code: 'chunk_too_large' });
    expect(String(refused.body.message)).toContain('1 MB');

    // Bytes beyond the announced size are refused and not written.
    const small = await makePdf(1);
    const smallId = await start(small);
    const longer = await h.sendChunk(
      ana.headers,
      smallId,
      0,
      Buffer.concat([small, Buffer.from('x')]),
    );
    expect(longer.status).toBe(413);
    expect((await h.get(`/api/v1/uploads/${smallId}`, ana.headers)).body.offset).toBe(0);
  });

  it('keeps one file per content: the same PDF from two customers is stored once, under its hash', async () => {
    const file = await makePdf(2);
    const juan = await h.customer();
    for (const headers of [ana.headers, juan.headers]) {
      const done = await h.upload(headers, file);
      expect(done.body).toMatchObject({ complete: true, sha256: sha256Hex(file) });
    }
    const stored = (await h.stored(sha256Hex(file)))!;
    expect(createHash('sha256').update(stored).digest('hex')).toBe(sha256Hex(file));
    // Each customer has an upload of their own: neither sees the other's.
    const mine = await h.post('/api/v1/uploads', announce(file), ana.headers);
    const theirs = await h.post('/api/v1/uploads', announce(file), juan.headers);
    expect(mine.body.uploadId).not.toBe(theirs.body.uploadId);
    expect(
      (await h.get(`/api/v1/uploads/${String(theirs.body.uploadId)}`, ana.headers)).status,
    ).toBe(404);
  });

  it('needs a session or a delivery token, and forgets an incomplete upload after its lifetime', async () => {
    const file = await makePdf(1, undefined, 5_000);
    expect((await h.post('/api/v1/uploads', announce(file))).status).toBe(401);
    const uploadId = await start(file);
    const wrongType = await h.call(
      'PATCH',
      `/api/v1/uploads/${uploadId}`,
      { ...ana.headers, 'content-type': 'application/json', 'upload-offset': '0' },
      { bytes: 'no' },
    );
    expect(wrongType.status).toBe(415);
    expect(wrongType.body.code).toBe('unsupported_media_type');

    expect((await h.sendChunk(ana.headers, uploadId, 0, file.subarray(0, 100))).status).toBe(200);
    h.clock.advance(61 * 60_000);
    const late = await h.sendChunk(ana.headers, uploadId, 100, file.subarray(100));
    expect(late.status).toBe(410);
    expect(late.body.code).toBe('upload_expired');
    // Announced again, it starts over.
    const again = await h.post('/api/v1/uploads', announce(file), ana.headers);
    expect(again.status).toBe(201);
    expect(again.body.offset).toBe(0);
  });
});

describeEachEngine('uploads without a data folder', (engine) => {
  it('answers 503: a central built without one has nowhere to keep attachments', async () => {
    const h = await startSuppliesApp(engine);
    const file = await makePdf(1);
    const refused = await h.post('/api/v1/uploads', announce(file), await h.signIn());
    expect(refused.status).toBe(503);
    expect(refused.body.code).toBe('attachments_unavailable');
  });
});

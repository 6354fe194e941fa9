import { randomBytes, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { PDFDocument } from '@cantoo/pdf-lib';
import { argon2Hasher } from '../central/accounts/password-hashing.js';
import { createDatabase } from '../central/db/index.js';
import { startCentral } from '../central/server.js';
import { assembleRequirementPdf } from '../src/documents/requirement-pdf.js';
import { createOutbox } from '../src/outbox/outbox.js';
import { createSealedBox } from '../src/outbox/sealed-box.js';
import { openKioskStore } from '../src/store/index.js';
import { createCentralClient } from '../src/sync/central-client.js';
import { documentPhoto, encodeJpeg } from '../src/testing/synthetic-photos.js';

const password = 'tortuga-de-rio-bench';

/**
 * An embedded central (SQLite, loopback) with one activated customer signed in, as the outbox
 * benchmarks need it: the session token is what the outbox's delivery tokens are asked with.
 */
export async function benchCentral(dir: string) {
  const dataDir = path.join(dir, 'central');
  const central = await startCentral({ dataDir, port: 0, seedDemo: false });
  const email = `bench.${randomUUID()}@example.com`;
  const direct = createDatabase({ dataDir });
  await direct.db
    .insertInto('accounts')
    .values({
      id: randomUUID(),
      email,
      password_hash: await argon2Hasher().hash(password),
      first_name: 'Ana María',
      last_name: 'Pérez',
      document_type: 'DNI',
      document_number: '30123456',
      birth_date: '1980-05-25',
      phone: '3447123456',
      activated_at: new Date().toISOString(),
      created_at: new Date().toISOString(),
    })
    .execute();
  await direct.destroy();
  const client = createCentralClient({ baseUrl: central.url });
  const { token } = await client.call('signIn', { body: { email, password } });
  return { central, client, session: token };
}

/**
 * The kiosk's outbox on its own store, delivering over a link the benchmark cuts and restores.
 * The worker is not started: the caller decides when the link "returns".
 */
export function benchOutbox(dir: string, centralUrl: string, session: string) {
  const link = { up: true };
  const store = openKioskStore(path.join(dir, 'kiosk'));
  const outbox = createOutbox({
    dataDir: path.join(dir, 'kiosk'),
    store,
    box: createSealedBox(randomBytes(32)),
    client: createCentralClient({
      baseUrl: centralUrl,
      fetch: (input, init) =>
        link.up ? fetch(input, init) : Promise.reject(new TypeError('fetch failed')),
    }),
    now: () => new Date(),
    referencePrefix: 'BENCH1',
    sessionTokenFor: () => session,
    backoff: { baseMs: 50, capMs: 500 },
  });
  return { link, store, outbox };
}

/** A PDF of `pages` blank pages padded to about `bytes` with incompressible metadata. */
export async function benchPdf(pages: number, bytes = 0): Promise<Uint8Array> {
  const document = await PDFDocument.create();
  for (let page = 0; page < pages; page++) document.addPage([595, 842]);
  // The subject is written as UTF-16 in hex: four bytes of file per character.
  if (bytes > 0) document.setSubject(randomBytes(Math.ceil(bytes / 8)).toString('hex'));
  return document.save({ useObjectStreams: false });
}

/**
 * A requirement's PDF as the kiosk makes it from photos (JPEG pages on A4), `pages` long: what
 * an upload carries in practice.
 */
export async function photoPdf(pages: number): Promise<Uint8Array> {
  const photos = [1, 2, 3, 4].map((seed) => encodeJpeg(documentPhoto(1600, 1010, seed), 80));
  return assembleRequirementPdf({
    requirementTitle: 'Comprobante de titularidad',
    requestTitle: 'Solicitud Alta Energía',
    author: 'COPELCO',
    createdAt: new Date(),
    pages: Array.from({ length: pages }, (_, page) => photos[page % photos.length]!),
  });
}

/** The same PDF with other bytes (a comment after its end): a new file for the central. */
export const variant = (pdf: Uint8Array, label: string): Uint8Array =>
  Buffer.concat([pdf, Buffer.from(`\n% ${label}\n`)]);

/**
 * The baseline: a bare HTTP server on loopback that takes a body and, on `/sync`, writes it to a
 * file and syncs it once, with nothing of the upload protocol (no chunks, checksums, offsets or
 * database); on `/` it only answers (a bare round trip).
 */
export async function bareUploadServer(dir: string) {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      if (request.url === '/sync')
        syncedWrite(path.join(dir, 'bare-upload'), Buffer.concat(chunks));
      response.end('{}');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    post: async (body: Uint8Array, { sync = false } = {}) => {
      const response = await fetch(`${url}/${sync ? 'sync' : ''}`, {
        method: 'POST',
        // A copy, as the central client sends one: the two uploads pay the same.
        body: body.slice(),
      });
      await response.arrayBuffer();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** One write of `bytes` made durable: the least a commit-before-answer of them can cost. */
export function syncedWrite(file: string, bytes: Uint8Array): void {
  const fd = openSync(file, 'w');
  try {
    writeSync(fd, bytes);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

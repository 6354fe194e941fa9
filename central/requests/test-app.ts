import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PDFDocument } from '@cantoo/pdf-lib';
import { afterAll } from 'vitest';
import { uploadChunkMediaType, uploadChecksum, type StaffRole } from '../../src/contract/index.js';
import { buildCentral } from '../app.js';
import { attachmentFiles } from '../uploads/file-store.js';
import { loadCatalogResources } from '../catalog/resources.js';
import { seedCatalogIfEmpty } from '../catalog/store.js';
import { addStaffMember } from '../staff/members.js';
import { importMasterData } from '../supplies/import.js';
import {
  insertAccount,
  masterDataFiles,
  migratedDatabase,
  suppliesCsv,
} from '../supplies/test-fixtures.js';
import { createTestAccounts } from '../testing/accounts.js';
import type { TestEngine } from '../testing/engines.js';
import { startSmtpMailbox } from '../testing/smtp-mailbox.js';
import type { RequestsConfigOverride } from './context.js';

type Json = Record<string, unknown>;
type Headers = Record<string, string>;
export type Reply = { status: number; body: Json; headers: Record<string, unknown>; raw: Buffer };

const password = 'mate amargo en la plaza';
export const staffPassword = 'una clave larga del mostrador';

/**
 * A central app for requests on a fresh database of the engine: the catalogue, the supplies
 * fixture (plus 100236, an energy supply that is "baja"), attachments in a temp folder, a real
 * SMTP server for the mails, and the accounts' movable clock. Closed after the suite.
 */
export async function startRequestsApp(
  engine: TestEngine,
  config?: RequestsConfigOverride,
  /** `http`: listen on 127.0.0.1, port 0, and make every call over real HTTP (not `inject`). */
  { http = false }: { http?: boolean } = {},
) {
  const db = await migratedDatabase(engine);
  await seedCatalogIfEmpty(db, loadCatalogResources);
  const imported = await importMasterData(
    db,
    masterDataFiles({
      'suministros.csv': [...suppliesCsv, '100236;Energía;Mitre 9, Colón;Baja;DNI;30123456'],
    }),
  );
  if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
  const dataDir = mkdtempSync(path.join(tmpdir(), 'ventanilla-requests-'));
  const mailbox = await startSmtpMailbox();
  const accounts = createTestAccounts({
    smtpUrl: mailbox.url,
    config: { sessionLifetimeMs: 365 * 24 * 3_600_000 },
  });
  const app = buildCentral({
    db,
    engine: engine.name,
    version: '0.0.0-test',
    accounts,
    requests: { dataDir, ...(config && { config }) },
  });
  await app.ready();
  const baseUrl = http ? await app.listen({ host: '127.0.0.1', port: 0 }) : null;
  afterAll(async () => {
    await app.close();
    await accounts.cleanup();
    await mailbox.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function call(
    method: 'GET' | 'HEAD' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    headers: Headers = {},
    payload?: Json | Buffer,
    /** The client's address: the central counts sources by it, not by `x-kiosk-id`. */
    from?: string,
  ): Promise<Reply> {
    if (baseUrl) return fetched(method, url, { 'x-kiosk-id': 'kiosco-1', ...headers }, payload);
    const response = await app.inject({
      method,
      url,
      headers: { 'x-kiosk-id': 'kiosco-1', ...headers },
      ...(payload !== undefined && { payload }),
      ...(from && { remoteAddress: from }),
    });
    const json =
      response.body !== '' &&
      String(response.headers['content-type']).startsWith('application/json');
    return {
      status: response.statusCode,
      body: json ? response.json<Json>() : {},
      headers: response.headers,
      raw: response.rawPayload,
    };
  }

  async function fetched(
    method: string,
    url: string,
    headers: Headers,
    payload?: Json | Buffer,
  ): Promise<Reply> {
    const json = payload !== undefined && !Buffer.isBuffer(payload);
    const response = await fetch(new URL(url, baseUrl!), {
      method,
      headers: { ...(json && { 'content-type': 'application/json' }), ...headers },
      ...(payload !== undefined && {
        body: Buffer.isBuffer(payload) ? new Uint8Array(payload) : JSON.stringify(payload),
      }),
    });
    const raw = Buffer.from(await response.arrayBuffer());
    const isJson =
      raw.length > 0 && response.headers.get('content-type')?.startsWith('application/json');
    return {
      status: response.status,
      body: isJson ? (JSON.parse(raw.toString('utf8')) as Json) : {},
      headers: Object.fromEntries(response.headers),
      raw,
    };
  }

  /** An activated account signed in at a kiosk, with the supplies given linked to it. */
  async function customer(supplies: string[] = [], kiosk = 'kiosco-1') {
    const id = randomUUID();
    const email = `${id}@example.com`;
    const at = accounts.clock.now().toISOString();
    await insertAccount(db, id, String(20_000_000 + Math.floor(Math.random() * 70_000_000)));
    await db
      .updateTable('accounts')
      .set({ password_hash: await accounts.hasher.hash(password) })
      .where('id', '=', id)
      .execute();
    for (const number of supplies) {
      await db
        .insertInto('account_supplies')
        .values({ account_id: id, supply_number: number, linked_at: at })
        .execute();
    }
    const session = await call(
      'POST',
      '/api/v1/sessions',
      { 'x-kiosk-id': kiosk },
      {
        email,
        password,
      },
    );
    if (session.status !== 201) throw new Error(`sign-in: ${JSON.stringify(session.body)}`);
    const headers = { authorization: `Bearer ${String(session.body.token)}`, 'x-kiosk-id': kiosk };
    return { id, email, headers };
  }

  /**
   * The headers a kiosk files a request with: a new delivery token of the customer's session
   * (every submission and answer needs one), for `purpose` (a request unless an answer's id).
   */
  async function delivering(sessionHeaders: Headers, answering?: string): Promise<Headers> {
    const body = answering ? { purpose: 'answer', requestId: answering } : { purpose: 'request' };
    const issued = await call('POST', '/api/v1/delivery-tokens', sessionHeaders, body);
    if (issued.status !== 201) throw new Error(`delivery token: ${JSON.stringify(issued.body)}`);
    return {
      authorization: `Delivery ${String(issued.body.token)}`,
      'x-kiosk-id': sessionHeaders['x-kiosk-id'] ?? 'kiosco-1',
    };
  }

  /** A staff member added as the CLI does (a reviewer unless told otherwise), signed in. */
  async function staff(
    email = `revisor.${randomUUID()}@copelco.example`,
    roles: readonly StaffRole[] = ['revisor'],
  ) {
    await addStaffMember(
      db,
      accounts.hasher,
      { email, name: 'Laura Díaz', password: staffPassword, roles },
      accounts.clock.now(),
    );
    const session = await call(
      'POST',
      '/api/v1/staff/sessions',
      { 'x-kiosk-id': 'mostrador-1' },
      { email, password: staffPassword },
    );
    if (session.status !== 201) throw new Error(`staff sign-in: ${JSON.stringify(session.body)}`);
    return {
      email,
      headers: {
        authorization: `Bearer ${String(session.body.token)}`,
        'x-kiosk-id': 'mostrador-1',
      },
    };
  }

  /** Sends a whole file: announce, then chunks of `chunkSize`; answers the last reply. */
  async function upload(headers: Headers, file: Buffer, chunkSize = 64 * 1024): Promise<Reply> {
    const created = await call('POST', '/api/v1/uploads', headers, {
      sha256: sha256Hex(file),
      size: file.length,
      mediaType: 'application/pdf',
    });
    if (created.status >= 300) return created;
    let reply = created;
    for (let offset = Number(created.body.offset); offset < file.length; offset += chunkSize) {
      reply = await sendChunk(
        headers,
        String(created.body.uploadId),
        offset,
        file.subarray(offset, offset + chunkSize),
      );
      if (reply.status !== 200) return reply;
    }
    return reply;
  }

  function sendChunk(
    headers: Headers,
    uploadId: string,
    offset: number,
    chunk: Buffer,
    checksumOf = chunk,
  ) {
    return call(
      'PATCH',
      `/api/v1/uploads/${uploadId}`,
      {
        ...headers,
        'content-type': uploadChunkMediaType,
        'upload-offset': String(offset),
        'upload-checksum': uploadChecksum(createHash('sha256').update(checksumOf).digest('base64')),
      },
      chunk,
    );
  }

  const files = attachmentFiles(engine.name, db, dataDir);
  return {
    app,
    db,
    dataDir,
    /** The complete attachment with this hash as the central keeps it, or null. */
    stored: async (sha256: string) => ((await files.has(sha256)) ? files.read(sha256) : null),
    mailbox,
    mailer: accounts.mailer,
    clock: accounts.clock,
    call,
    get: (url: string, headers?: Headers) => call('GET', url, headers),
    post: (url: string, body: Json, headers?: Headers) => call('POST', url, headers, body),
    customer,
    delivering,
    staff,
    upload,
    sendChunk,
  };
}

export type RequestsApp = Awaited<ReturnType<typeof startRequestsApp>>;

export function sha256Hex(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A real PDF of `pages` pages; `label` makes its bytes (and so its hash) its own. */
export async function makePdf(pages: number, label = randomUUID(), padding = 0): Promise<Buffer> {
  const document = await PDFDocument.create();
  document.setTitle(label);
  for (let page = 0; page < pages; page++) document.addPage([200, 200]);
  // Incompressible bytes in the metadata make a file as large as a test needs.
  if (padding > 0) document.setSubject(randomUUID().repeat(Math.ceil(padding / 36)));
  return Buffer.from(await document.save({ useObjectStreams: false }));
}

export const idempotency = (key: string = randomUUID()) => ({ 'idempotency-key': key });

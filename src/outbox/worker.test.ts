import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openKioskStore, type KioskStore } from '../store/index.js';
import { createCentralClient } from '../sync/central-client.js';
import {
  jsonOf,
  scriptedCentral,
  type RecordedCall,
  type ScriptedAnswer,
} from '../testing/scripted-central.js';
import { filedRequestDetail } from '../testing/request-fixtures.js';
import { useTempDir } from '../testing/use-temp-dir.js';
import { createOutbox } from './outbox.js';
import { createSealedBox } from './sealed-box.js';

const temp = useTempDir();
const owner = 'owner-1';
const uploadId = '7d9a3f4e-1b2c-4d5e-8f90-123456789abc';
const requestId = '0b9a3f4e-1b2c-4d5e-8f90-123456789abc';
const pdf = new TextEncoder().encode(`%PDF-1.7 ${'x'.repeat(2500)}`);
const clock = { now: new Date('2026-11-28T15:00:00Z') };
let store: KioskStore | undefined;

afterEach(() => store?.close());

type Script = Record<string, (call: RecordedCall, count: number) => ScriptedAnswer>;

/** The central answering as it does when all goes well; a test overrides the routes it breaks. */
function happyCentral(overrides: Script = {}): Script {
  let received = 0;
  const upload = (offset: number) => ({
    uploadId,
    sha256: 'a'.repeat(64),
    size: pdf.byteLength,
    offset,
    complete: offset >= pdf.byteLength,
    pages: offset >= pdf.byteLength ? 1 : null,
    expiresAt: '2026-11-29T15:00:00.000Z',
  });
  return {
    'POST /api/v1/delivery-tokens': () => ({
      status: 201,
      body: {
        token: 'delivery-token-0123456789abcdef',
        expiresAt: '2026-11-29T15:00:00.000Z',
        requestNumber: 'T-2026-000123',
      },
    }),
    'POST /api/v1/uploads': () => ({ status: 201, body: upload(received) }),
    'GET /api/v1/uploads/.+': () => ({ status: 200, body: upload(received) }),
    'PATCH /api/v1/uploads/.+': (call) => {
      received += call.body?.byteLength ?? 0;
      return { status: 200, body: upload(received) };
    },
    'POST /api/v1/requests': () => ({
      status: 201,
      body: filedRequestDetail({
        id: requestId,
        number: 'T-2026-000123',
        requestTypeId: 'alta-energia',
        title: 'Solicitud Alta Energía',
        at: new Date('2026-11-28T15:00:00.000Z'),
      }),
    }),
    ...overrides,
  };
}

function outboxWith(script: Script, session: string | null = 'session-token-0123456789') {
  const central = scriptedCentral(script);
  store = openKioskStore(temp.dir);
  const outbox = createOutbox({
    dataDir: temp.dir,
    store,
    box: createSealedBox(Buffer.alloc(32, 9)),
    client: createCentralClient({ baseUrl: 'http://central.test', fetch: central.fetch }),
    now: () => clock.now,
    referencePrefix: 'ABC123',
    sessionTokenFor: (who) => (who === owner ? session : null),
    chunkBytes: 1000,
    random: () => 0.5,
  });
  const enqueue = (title = 'Solicitud Alta Energía') =>
    outbox.enqueue({
      owner,
      payload: {
        kind: 'request',
        title,
        body: { requestTypeId: 'alta-energia', fields: {}, attachments: {} },
      },
      attachments: [{ requirementId: 'dni', pdf, pages: 1 }],
    });
  const deliver = async () => {
    outbox.worker.start();
    await outbox.worker.idle();
    await outbox.worker.stop();
  };
  return { outbox, central, enqueue, deliver, store };
}

const filesIn = () => readdirSync(path.join(temp.dir, 'outbox'));
const routes = (calls: RecordedCall[]) => calls.map((call) => `${call.method} ${call.path}`);

describe('outbox delivery against a scripted central (the fetch boundary)', () => {
  it('delivers: token, chunked upload with checksums, idempotent submission, files gone', async () => {
    const { central, enqueue, deliver, store } = outboxWith(happyCentral());
    const { sequence, reference, idempotencyKey } = enqueue();
    expect(reference).toBe(`ABC123-${String(sequence).padStart(6, '0')}`);
    expect(filesIn()).toHaveLength(1);
    await deliver();

    const patches = central.calls.filter((call) => call.method === 'PATCH');
    expect(patches.map((call) => call.headers['upload-offset'])).toEqual(['0', '1000', '2000']);
    expect(patches[0]?.headers['upload-checksum']).toMatch(/^sha256 [A-Za-z0-9+/]{43}=$/);
    expect(patches[0]?.headers.authorization).toBe('Delivery delivery-token-0123456789abcdef');
    const submit = central.calls.find((call) => call.path === '/api/v1/requests')!;
    expect(submit.headers['idempotency-key']).toBe(idempotencyKey);
    expect(jsonOf(submit)).toMatchObject({ attachments: {} });

    const row = store.outbox.get(sequence)!;
    expect(row).toMatchObject({ state: 'delivered', requestNumber: 'T-2026-000123', requestId });
    expect(row.payload).toBeNull();
    expect(filesIn()).toEqual([]);
  });

  it('resumes an upload from the offset the central already holds', async () => {
    let received = 2000;
    const { central, enqueue, deliver } = outboxWith(
      happyCentral({
        'POST /api/v1/uploads': () => ({
          status: 201,
          body: {
            uploadId,
            sha256: 'a'.repeat(64),
            size: pdf.byteLength,
            offset: received,
            complete: false,
            pages: null,
            expiresAt: '2026-11-29T15:00:00.000Z',
          },
        }),
        'PATCH /api/v1/uploads/.+': (call) => {
          received += call.body?.byteLength ?? 0;
          const complete = received >= pdf.byteLength;
          return {
            status: 200,
            body: {
              uploadId,
              sha256: 'a'.repeat(64),
              size: pdf.byteLength,
              offset: received,
              complete,
              pages: complete ? 1 : null,
              expiresAt: '2026-11-29T15:00:00.000Z',
            },
          };
        },
      }),
    );
    enqueue();
    await deliver();
    const patches = central.calls.filter((call) => call.method === 'PATCH');
    expect(patches.map((call) => call.headers['upload-offset'])).toEqual(['2000']);
  });

  it('retries after a dropped connection, with backoff, and stops the pass there', async () => {
    const { central, enqueue, deliver, store } = outboxWith(
      happyCentral({ 'POST /api/v1/delivery-tokens': () => 'network-error' }),
    );
    const first = enqueue();
    const second = enqueue();
    await deliver();
    const row = store.outbox.get(first.sequence)!;
    expect(row).toMatchObject({ state: 'waiting', attempts: 1 });
    expect(row.lastError).toMatch(/conexión/);
    // 2 s base, half fixed and half jitter (0.5 here): 1.5 s later.
    expect(new Date(row.nextAttemptAt).getTime() - clock.now.getTime()).toBe(1500);
    expect(routes(central.calls)).toEqual(['POST /api/v1/delivery-tokens']);
    expect(store.outbox.get(second.sequence)?.attempts).toBe(0);
  });

  it('honours Retry-After on 429 and 503', async () => {
    const { enqueue, deliver, store } = outboxWith(
      happyCentral({
        'POST /api/v1/requests': () => ({
          status: 503,
          body: { code: 'unavailable', message: 'En mantenimiento.' },
          headers: { 'retry-after': '120' },
        }),
      }),
    );
    const { sequence } = enqueue();
    await deliver();
    const row = store.outbox.get(sequence)!;
    expect(row.state).toBe('waiting');
    expect(new Date(row.nextAttemptAt).getTime() - clock.now.getTime()).toBe(120_000);
  });

  it('rejects on another 4xx, keeps the reason, and goes on with the next item', async () => {
    const { enqueue, deliver, store } = outboxWith(
      happyCentral({
        'POST /api/v1/requests': (call, count) =>
          count === 1
            ? {
                status: 422,
                body: { code: 'invalid_request', message: 'Falta el DNI.', field: 'attachments' },
              }
            : happyCentral()['POST /api/v1/requests']!(call, count),
      }),
    );
    const first = enqueue();
    const second = enqueue();
    await deliver();
    expect(store.outbox.get(first.sequence)).toMatchObject({
      state: 'rejected',
      lastError: '422 invalid_request Falta el DNI.',
    });
    expect(store.outbox.get(second.sequence)?.state).toBe('delivered');
    expect(store.outbox.status()).toMatchObject({ waiting: 0, rejected: 1, needsAuth: 0 });
  });

  it('needs a new credential on 401, and gets one when the customer is back', async () => {
    let refuse = true;
    const { outbox, enqueue, deliver, store } = outboxWith(
      happyCentral({
        'POST /api/v1/uploads': () =>
          refuse
            ? {
                status: 401,
                body: { code: 'delivery_token_invalid', message: 'Credencial vencida.' },
              }
            : {
                status: 201,
                body: {
                  uploadId,
                  sha256: 'a'.repeat(64),
                  size: pdf.byteLength,
                  offset: pdf.byteLength,
                  complete: true,
                  pages: 1,
                  expiresAt: '2026-11-29T15:00:00.000Z',
                },
              },
      }),
    );
    const { sequence } = enqueue();
    await deliver();
    expect(store.outbox.get(sequence)).toMatchObject({ state: 'needs-auth', credential: null });
    expect(store.outbox.status().needsAuth).toBe(1);

    refuse = false;
    outbox.resumeFor(owner);
    await deliver();
    expect(store.outbox.get(sequence)?.state).toBe('delivered');
  });

  it('waits for a credential when the customer left before one could be had', async () => {
    const { central, enqueue, deliver, store } = outboxWith(happyCentral(), null);
    const { sequence } = enqueue();
    await deliver();
    expect(store.outbox.get(sequence)?.state).toBe('needs-auth');
    expect(central.calls).toEqual([]);
  });

  it('sweeps attachment files that no item names (a crash before the commit)', async () => {
    const { outbox, enqueue } = outboxWith(happyCentral(), null);
    const orphan = outbox.files.write(pdf);
    enqueue();
    outbox.worker.start();
    await outbox.worker.stop();
    expect(filesIn()).not.toContain(orphan);
    expect(filesIn()).toHaveLength(1);
  });
});

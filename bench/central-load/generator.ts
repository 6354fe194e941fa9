import { createHash, randomUUID } from 'node:crypto';
import { Agent, request, type OutgoingHttpHeaders } from 'node:http';
import { performance } from 'node:perf_hooks';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import {
  centralApi,
  deliveryAuthScheme,
  idempotencyKeyHeader,
  kioskCredentialHeader,
  kioskIdHeader,
  uploadChecksum,
  uploadChecksumHeader,
  uploadChunkMediaType,
  uploadOffsetHeader,
  type CentralRoute,
} from '../../src/contract/index.js';
import { internetRequestFields } from '../../src/testing/request-fixtures.js';
import type { LoadPlan, LoadResult, Operation, SimulatedKiosk } from './plan.js';

type Answer = { status: number; body: Buffer };

/** A refused or failed call: the rest of that operation cannot go on. */
class Refused extends Error {}

/**
 * The load generator: `plan.kiosks` simulated kiosks, each doing one visit after another with no
 * pause until the time is up, over keep-alive connections (at most one per kiosk at a time). Plain
 * `node:http` rather than the kiosk's client, whose response validation would take CPU the server
 * needs on the same machine; the calls are the same, with the same headers.
 */
export async function runLoad(plan: LoadPlan): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true });
  const base = new URL(plan.baseUrl);
  const started = performance.now();
  const recordFrom = started + plan.warmupMs;
  const stopAt = recordFrom + plan.durationMs;
  /** Whether a call or an operation begun at `start` is recorded. */
  const recorded = (start: number) => start >= recordFrom && start < stopAt;
  let answered = 0;
  let calls = 0;
  const requests: number[] = [];
  const byOperation = new Map<Operation, number[]>();
  let errors = 0;
  const errorSamples: string[] = [];

  function failed(what: string): void {
    errors++;
    if (errorSamples.length < 5) errorSamples.push(what);
  }

  /** Times a call to the step of an operation it is (the calls of a submission), if any. */
  function record(operation: Operation, start: number, end: number): void {
    if (!recorded(start)) return;
    let times = byOperation.get(operation);
    if (!times) byOperation.set(operation, (times = []));
    times.push(end - start);
  }

  function send(
    method: string,
    path: string,
    headers: OutgoingHttpHeaders,
    body?: string | Uint8Array,
    step?: Operation,
  ): Promise<Answer> {
    const start = performance.now();
    calls++;
    return new Promise<Answer>((resolve, reject) => {
      const call = request(
        { agent, host: base.hostname, port: base.port, method, path, headers },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', (error) => {
            failed(`${method} ${path}: ${error.message}`);
            reject(new Refused());
          });
          response.on('end', () => {
            const end = performance.now();
            if (recorded(start)) requests.push(end - start);
            if (step) record(step, start, end);
            if (end >= recordFrom && end <= stopAt) answered++;
            const status = response.statusCode ?? 0;
            const answer = { status, body: Buffer.concat(chunks) };
            if ((status >= 200 && status < 300) || status === 304) resolve(answer);
            else {
              failed(`${method} ${path}: ${status} ${answer.body.toString('utf8').slice(0, 200)}`);
              reject(new Refused());
            }
          });
        },
      );
      call.on('error', (error) => {
        failed(`${method} ${path}: ${error.message}`);
        reject(new Refused());
      });
      call.end(body);
    });
  }

  /**
   * Runs and times one operation, unless the time is up (the rest of the visit is skipped): the
   * operations begun in the recorded time are waited for, so that none is left out for being slow.
   */
  async function timed(operation: Operation, work: () => Promise<void>): Promise<void> {
    const start = performance.now();
    if (start >= stopAt) return;
    try {
      await work();
    } catch (error) {
      if (!(error instanceof Refused)) throw error;
      return;
    }
    record(operation, start, performance.now());
  }

  async function bareKiosk(path: string): Promise<void> {
    while (performance.now() < stopAt) {
      await timed('bare', async () => {
        await send('GET', path, {});
      });
    }
  }

  async function centralKiosk(
    kiosk: SimulatedKiosk,
    index: number,
    extra: Extract<LoadPlan, { target: 'central' }>,
  ): Promise<void> {
    const kioskHeaders = {
      [kioskIdHeader]: kiosk.kioskId,
      [kioskCredentialHeader]: kiosk.credential,
    };
    let session = kiosk.sessionToken;
    const asCustomer = () => ({ ...kioskHeaders, authorization: `Bearer ${session}` });
    const json = (headers: OutgoingHttpHeaders) => ({
      ...headers,
      'content-type': 'application/json',
    });
    const { signInEvery, submissionEvery } = plan.mix;
    // Each kiosk draws its visits from its own seeded sequence: the same mix on every run, and
    // no two kiosks in step.
    const draw = seeded(index + 1);

    for (let visit = 0; performance.now() < stopAt; visit++) {
      // The kiosk's catalogue sync: a conditional request, answered 304 while nothing changed.
      await timed('catalogue', async () => {
        await send('GET', centralApi.catalog.path, {
          ...kioskHeaders,
          'if-none-match': extra.catalogEtag,
        });
      });
      if (draw() < 1 / signInEvery) {
        await timed('signIn', async () => {
          const answer = await send(
            'POST',
            centralApi.signIn.path,
            json(kioskHeaders),
            JSON.stringify({ email: kiosk.email, password: kiosk.password }),
          );
          session = (JSON.parse(answer.body.toString('utf8')) as { token: string }).token;
        });
      }
      await timed('supplies', async () => {
        await send('GET', centralApi.listSupplies.path, asCustomer());
      });
      await timed('invoice', async () => {
        await send('GET', pathOf('latestInvoice', { supplyNumber: kiosk.supplyNumber }), {
          ...asCustomer(),
        });
      });
      if (draw() < 1 / submissionEvery) {
        await timed('submission', () => submit(`${kiosk.kioskId}-${visit}`));
      }
    }

    /**
     * What the kiosk's outbox does for one request: a delivery token with the customer's session,
     * each attachment announced and sent in one chunk, then the request with its idempotency key.
     */
    async function submit(label: string): Promise<void> {
      const granted = await send(
        'POST',
        centralApi.issueDeliveryToken.path,
        json(asCustomer()),
        JSON.stringify({ purpose: 'request' }),
        'deliveryToken',
      );
      const token = (JSON.parse(granted.body.toString('utf8')) as { token: string }).token;
      const delivery = { ...kioskHeaders, authorization: `${deliveryAuthScheme} ${token}` };
      const upload = async (pdf: Uint8Array): Promise<string> => {
        // A new file each time (a comment after the PDF's end), as each customer's photos are.
        const bytes = Buffer.concat([pdf, Buffer.from(`\n% ${label}\n`)]);
        const sha256 = createHash('sha256').update(bytes).digest('hex');
        const created = await send(
          'POST',
          centralApi.createUpload.path,
          json(delivery),
          JSON.stringify({ sha256, size: bytes.byteLength, mediaType: 'application/pdf' }),
          'uploadCreate',
        );
        const status = JSON.parse(created.body.toString('utf8')) as {
          uploadId: string;
          offset: number;
        };
        const chunk = bytes.subarray(status.offset);
        const appended = await send(
          'PATCH',
          pathOf('appendUpload', { uploadId: status.uploadId }),
          {
            ...delivery,
            'content-type': uploadChunkMediaType,
            [uploadOffsetHeader]: String(status.offset),
            [uploadChecksumHeader]: uploadChecksum(
              createHash('sha256').update(chunk).digest('base64'),
            ),
          },
          chunk,
          'uploadChunk',
        );
        if ((JSON.parse(appended.body.toString('utf8')) as { complete: boolean }).complete) {
          return sha256;
        }
        failed(`upload ${status.uploadId}: not complete after its only chunk`);
        throw new Refused();
      };
      const attachments = {
        dni: [await upload(extra.dniPdf)],
        'request-form': [await upload(extra.formPdf)],
      };
      const filed = await send(
        'POST',
        centralApi.submitRequest.path,
        json({ ...delivery, [idempotencyKeyHeader]: randomUUID() }),
        JSON.stringify({
          requestTypeId: 'servicio-internet',
          fields: internetRequestFields,
          attachments,
        }),
        'filing',
      );
      if ((JSON.parse(filed.body.toString('utf8')) as { state: string }).state !== 'enviado') {
        failed(`submission ${label}: not "enviado"`);
        throw new Refused();
      }
    }
  }

  const kiosks =
    plan.target === 'bare'
      ? Array.from({ length: plan.kiosks }, () => bareKiosk(plan.path))
      : plan.kiosks.map((kiosk, index) => centralKiosk(kiosk, index, plan));
  await Promise.all(kiosks);
  agent.destroy();
  return {
    answered,
    calls,
    requests: Float64Array.from(requests),
    byOperation: Object.fromEntries(
      [...byOperation].map(([operation, times]) => [operation, Float64Array.from(times)]),
    ),
    errors,
    errorSamples,
  };
}

/** mulberry32: a small seeded generator of numbers in [0, 1). */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pathOf(route: CentralRoute, params: Record<string, string>): string {
  return centralApi[route].path.replace(/:(\w+)/g, (_whole, key: string) =>
    encodeURIComponent(params[key] ?? ''),
  );
}

// As a worker thread: run the plan it was given and post the result back.
if (!isMainThread && parentPort && (workerData as { loadPlan?: LoadPlan } | null)?.loadPlan) {
  const port = parentPort;
  port.postMessage(await runLoad((workerData as { loadPlan: LoadPlan }).loadPlan));
}

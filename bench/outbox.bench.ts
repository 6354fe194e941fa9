import { performance } from 'node:perf_hooks';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { attachmentLimits, deliveryAuthScheme } from '../src/contract/index.js';
import { sha256Hex, uploadAttachment } from '../src/outbox/delivery.js';
import type { OutboxPayload } from '../src/outbox/delivery.js';
import { internetRequestFields } from '../src/testing/request-fixtures.js';
import { tempDir } from '../src/testing/temp-dir.js';
import { ms, median, percentile, sample, type Figure } from './measure.js';
import {
  bareUploadServer,
  benchCentral,
  benchOutbox,
  benchPdf,
  photoPdf,
  syncedWrite,
  variant,
} from './outbox-setup.js';

const mib = 1024 * 1024;
const ratio = (value: number) => `${value.toFixed(1)}×`;
const mbps = (bytes: number, msTaken: number) => (bytes / mib / (msTaken / 1000)).toFixed(1);

/** What a queued "Solicitud de Servicio Internet" carries, its files named by hash. */
function internetPayload(dni: Uint8Array, form: Uint8Array): OutboxPayload {
  return {
    kind: 'request',
    title: 'Solicitud de Servicio Internet',
    body: {
      requestTypeId: 'servicio-internet',
      fields: internetRequestFields,
      attachments: { dni: [sha256Hex(dni)], 'request-form': [sha256Hex(form)] },
    },
  };
}

/**
 * The outbox over loopback: resumable upload against a plain upload of the same bytes, the cost
 * of committing before answering, and draining 1,000 queued requests when the link returns.
 */
export async function outboxBench(): Promise<Figure[]> {
  const temp = tempDir('ventanilla-bench-outbox-');
  const { central, client, session } = await benchCentral(temp.dir);
  const bare = await bareUploadServer(temp.dir);
  try {
    return [
      ...(await uploadFigures(client, session, bare)),
      ...(await enqueueFigures(temp.dir, central.url, session)),
      ...(await drainFigures(temp.dir, central.url, session, bare)),
    ];
  } finally {
    await bare.close();
    await central.close();
    temp.remove();
  }
}

async function uploadFigures(
  client: Awaited<ReturnType<typeof benchCentral>>['client'],
  session: string,
  bare: Awaited<ReturnType<typeof bareUploadServer>>,
): Promise<Figure[]> {
  const pdf = await photoPdf(40);
  const granted = await client.call('issueDeliveryToken', {
    token: session,
    body: { purpose: 'request' },
  });
  const token = { scheme: deliveryAuthScheme, token: granted.token };
  let run = 0;
  // Each run a file the central has not seen: an announced file it holds would not be sent again.
  const resumable = await sample(
    async () => {
      const file = variant(pdf, `run ${run++}`);
      // The largest chunk the contract allows: a good link (loopback) sends no smaller ones.
      await uploadAttachment(client, token, file, sha256Hex(file), attachmentLimits.maxChunkBytes);
    },
    5,
    1,
  );
  const plain = await sample(() => bare.post(pdf, { sync: true }), 5, 1);
  return [
    {
      name: 'attachment upload, resumable (median)',
      value: `${mbps(pdf.byteLength, median(resumable))} MB/s`,
      note: `a ${(pdf.byteLength / mib).toFixed(1)} MiB PDF of 40 photos in ${attachmentLimits.maxChunkBytes / 1024} KiB chunks: checksum and one fsync per chunk, page count at the end`,
    },
    {
      name: 'attachment upload, plain HTTP (median)',
      value: `${mbps(pdf.byteLength, median(plain))} MB/s`,
      note: 'the same bytes in one POST to a bare server that writes and syncs them once',
    },
    {
      name: 'resumable / plain upload time',
      value: ratio(median(resumable) / median(plain)),
      note: 'what resuming after a cut costs when nothing is cut',
    },
  ];
}

async function enqueueFigures(dir: string, centralUrl: string, session: string) {
  const { outbox, store } = benchOutbox(path.join(dir, 'enqueue'), centralUrl, session);
  const dni = await benchPdf(2, 300 * 1024);
  const form = await benchPdf(1, 150 * 1024);
  const payload = internetPayload(dni, form);
  const attachments = [
    { requirementId: 'dni', pdf: dni, pages: 2 },
    { requirementId: 'request-form', pdf: form, pages: 1 },
  ];
  const enqueues = await sample(
    () => Promise.resolve(outbox.enqueue({ owner: 'bench', payload, attachments })),
    200,
    5,
  );
  const floor = await sample(
    () => Promise.resolve(syncedWrite(path.join(dir, 'floor'), Buffer.concat([dni, form]))),
    200,
    5,
  );
  store.close();
  return [
    {
      name: 'enqueue, commit before answer (p50 / p99)',
      value: `${ms(median(enqueues))} / ${ms(percentile(enqueues, 99))}`,
      note: `2 sealed files (${((dni.byteLength + form.byteLength) / 1024).toFixed(0)} KiB) synced, then one SQLite commit (WAL, synchronous=FULL)`,
    },
    {
      name: 'enqueue / one synced write of the same bytes',
      value: ratio(median(enqueues) / median(floor)),
      note: 'the floor of any durable enqueue is one fsync of its bytes',
    },
  ];
}

async function drainFigures(
  dir: string,
  centralUrl: string,
  session: string,
  bare: Awaited<ReturnType<typeof bareUploadServer>>,
): Promise<Figure[]> {
  const count = 1_000;
  const { outbox, store, link } = benchOutbox(path.join(dir, 'drain'), centralUrl, session);
  const dni = await benchPdf(2, 8 * 1024);
  const form = await benchPdf(1, 8 * 1024);
  link.up = false;
  for (let i = 0; i < count; i++) {
    const files = [variant(dni, `dni ${i}`), variant(form, `form ${i}`)] as const;
    outbox.enqueue({
      owner: 'bench',
      payload: internetPayload(...files),
      attachments: [
        { requirementId: 'dni', pdf: files[0], pages: 2 },
        { requirementId: 'request-form', pdf: files[1], pages: 1 },
      ],
    });
  }
  global.gc?.();
  const before = process.memoryUsage();
  const peak = { rss: before.rss, heap: before.heapUsed };
  const sampler = setInterval(() => {
    const now = process.memoryUsage();
    peak.rss = Math.max(peak.rss, now.rss);
    peak.heap = Math.max(peak.heap, now.heapUsed);
  }, 50);
  const start = performance.now();
  link.up = true;
  outbox.worker.start();
  while (outbox.worker.status().waiting > 0) await sleep(20);
  const drainMs = performance.now() - start;
  clearInterval(sampler);
  await outbox.worker.stop();
  const delivered = store.outbox.status();
  store.close();
  global.gc?.();
  const retained = process.memoryUsage().heapUsed - before.heapUsed;

  // Six calls per item (token, two announcements, two chunks, the submission) as bare round trips.
  const calls = count * 6;
  const tiny = new Uint8Array(256);
  const bareStart = performance.now();
  for (let i = 0; i < calls; i++) await bare.post(tiny);
  const bareMs = performance.now() - bareStart;
  return [
    {
      name: `drain ${count} queued requests`,
      value: `${(drainMs / 1000).toFixed(1)} s`,
      note: `${((count / drainMs) * 1000).toFixed(0)} requests/s, ${delivered.rejected} rejected; central in the same process`,
    },
    {
      name: 'drain / as many bare loopback round trips',
      value: ratio(drainMs / bareMs),
      note: `${calls} calls with the protocol's work against ${calls} empty POSTs (${(bareMs / 1000).toFixed(1)} s)`,
    },
    {
      name: 'memory while draining (peak − before)',
      value: `RSS +${((peak.rss - before.rss) / mib).toFixed(1)} MiB, heap +${((peak.heap - before.heapUsed) / mib).toFixed(1)} MiB`,
      note: 'kiosk and central in one process; garbage included until a collection runs',
    },
    {
      name: 'heap retained after draining',
      value: global.gc ? `${(retained / mib).toFixed(1)} MiB` : 'n/a',
      note: global.gc
        ? 'after a full collection: what 1,000 deliveries leave behind'
        : 'run with node --expose-gc to measure',
    },
  ];
}

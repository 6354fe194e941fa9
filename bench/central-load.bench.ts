import os from 'node:os';
import type { Engine } from '../central/db/index.js';
import type { LoadResult, Mix, Operation } from './central-load/plan.js';
import { postgresServerUrl, startBareRoute, startLoadedCentral } from './central-load/targets.js';
import { loadInWorker } from './central-load/worker.js';
import { ms, percentile, type Figure } from './measure.js';
import { benchPdf } from './outbox-setup.js';

/** Seconds recorded per target (CENTRAL_LOAD_SECONDS), after a warm-up of two seconds. */
const seconds = Number(process.env.CENTRAL_LOAD_SECONDS ?? '') || 8;
const kioskCount = Number(process.env.CENTRAL_LOAD_KIOSKS ?? '') || 200;
const warmupMs = 2_000;
/**
 * Each visit of a kiosk: the catalogue check (304), the supplies list and the last invoice; a
 * sign-in one visit in ten (a new customer), and a submission one in five.
 */
const mix: Mix = { signInEvery: 10, submissionEvery: 5 };

const operationNames: [Exclude<Operation, 'bare'>, string, string][] = [
  ['catalogue', 'catalogue check (304)', 'every visit'],
  ['signIn', 'sign-in (argon2id)', `one visit in ${mix.signInEvery}`],
  ['supplies', 'supplies list', 'every visit'],
  ['invoice', 'last invoice', 'every visit'],
  [
    'submission',
    'submission (token, 2 uploads, request)',
    `one visit in ${mix.submissionEvery}; 6 calls`,
  ],
  ['deliveryToken', '  delivery token', 'one per submission'],
  ['uploadCreate', '  upload announced', 'two per submission'],
  ['uploadChunk', '  upload chunk (whole PDF)', 'two per submission'],
  ['filing', '  request filed (idempotency key)', 'one per submission'],
];

type Summary = { perSecond: number; p50: number; p99: number };

function summary(result: LoadResult): Summary {
  const sorted = [...result.requests].sort((a, b) => a - b);
  return {
    perSecond: result.answered / seconds,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
  };
}

const kib = (bytes: Uint8Array) => `${(bytes.byteLength / 1024).toFixed(1)} KiB`;
const perSecond = (value: number) => `${value.toFixed(0)} req/s`;
const pair = (a: number, b: number) => `${ms(a)} / ${ms(b)}`;

function errorFigure(label: string, result: LoadResult): Figure {
  return {
    name: `${label}: errors`,
    value: `${result.errors} of ${result.calls} calls`,
    ...(result.errorSamples.length > 0 && { note: result.errorSamples.join(' | ') }),
  };
}

/** The centrals loaded: SQLite, PostgreSQL, and two PostgreSQL instances behind haproxy. */
const targets: { engine: Engine; instances: number }[] = [
  { engine: 'sqlite', instances: 1 },
  { engine: 'postgres', instances: 1 },
  { engine: 'postgres', instances: 2 },
];
/** CENTRAL_LOAD_ONLY=postgres runs only the centrals whose label contains it (the bare route always). */
const only = process.env.CENTRAL_LOAD_ONLY;

/**
 * The central under `kioskCount` simulated kiosks doing the kiosk's mix, on SQLite and on
 * PostgreSQL, against a bare Fastify route loaded the same way on the same machine.
 */
export async function centralLoadBench(): Promise<Figure[]> {
  const figures: Figure[] = [
    {
      // The servers and the load generator share the machine with whatever else runs on it.
      name: 'machine load average before the run',
      value: os.loadavg()[0]!.toFixed(1),
      note: `${os.cpus().length} cores; the load generator runs on them too, in a worker thread`,
    },
  ];
  const common = { durationMs: seconds * 1000, warmupMs, mix };

  const bare = await startBareRoute();
  let bareSummary: Summary;
  try {
    const result = await loadInWorker({
      ...common,
      baseUrl: bare.url,
      target: 'bare',
      kiosks: kioskCount,
      path: bare.path,
    });
    bareSummary = summary(result);
    figures.push(
      {
        name: 'bare Fastify route: throughput',
        value: perSecond(bareSummary.perSecond),
        note: `${kioskCount} kiosk${kioskCount === 1 ? '' : 's'} with keep-alive, ${seconds} s after ${warmupMs / 1000} s of warm-up`,
      },
      { name: 'bare Fastify route: p50 / p99', value: pair(bareSummary.p50, bareSummary.p99) },
      errorFigure('bare Fastify route', result),
    );
  } finally {
    await bare.close();
  }

  /** Throughput and p99 of the single PostgreSQL central, which two instances are compared to. */
  let onePostgres: Summary | undefined;
  for (const { engine, instances } of targets) {
    const label =
      instances > 1 ? `central [${engine}, ${instances} behind haproxy]` : `central [${engine}]`;
    if (only && !label.includes(only)) continue;
    let central: Awaited<ReturnType<typeof startLoadedCentral>>;
    try {
      central = await startLoadedCentral(engine, kioskCount, { instances });
    } catch (error) {
      if (engine !== 'postgres') throw error;
      const reason = error instanceof Error ? error.message : String(error);
      figures.push({ name: label, value: 'skipped', note: `PostgreSQL at ${redact()}: ${reason}` });
      continue;
    }
    try {
      const dniPdf = await benchPdf(2, 4096);
      const formPdf = await benchPdf(1, 4096);
      const result = await loadInWorker({
        ...common,
        baseUrl: central.url,
        target: 'central',
        kiosks: central.kiosks,
        catalogEtag: central.catalogEtag,
        dniPdf,
        formPdf,
      });
      const pdfSizes = `PDFs of ${kib(dniPdf)} and ${kib(formPdf)}`;
      const all = summary(result);
      figures.push(
        {
          name: `${label}: throughput`,
          value: perSecond(all.perSecond),
          note: `${(all.perSecond / bareSummary.perSecond).toFixed(3)}× the bare route`,
        },
        {
          name: `${label}: p50 / p99, all requests`,
          value: pair(all.p50, all.p99),
          note: `p50 ${(all.p50 / bareSummary.p50).toFixed(1)}×, p99 ${(all.p99 / bareSummary.p99).toFixed(1)}× the bare route's`,
        },
      );
      if (engine === 'postgres' && instances === 1) onePostgres = all;
      if (instances > 1 && onePostgres) {
        figures.push({
          name: `${label}: vs one instance`,
          value: `${(all.perSecond / onePostgres.perSecond).toFixed(2)}× throughput`,
          note: `p99 ${(all.p99 / onePostgres.p99).toFixed(2)}× the single central's (in-process, no haproxy), same run; each instance is a process of its own, all on this machine's ${os.cpus().length} cores`,
        });
      }
      for (const [operation, name, share] of operationNames) {
        const times = [...(result.byOperation[operation] ?? [])].sort((a, b) => a - b);
        const extra = operation === 'uploadChunk' ? `, ${pdfSizes}` : '';
        figures.push({
          name: `  ${name}`,
          value: pair(percentile(times, 50), percentile(times, 99)),
          note: `${(times.length / seconds).toFixed(1)}/s, ${share}${extra}`,
        });
      }
      figures.push(errorFigure(label, result));
    } finally {
      await central.close();
    }
  }
  return figures;
}

function redact(): string {
  const url = new URL(postgresServerUrl);
  if (url.password) url.password = '***';
  return url.toString();
}

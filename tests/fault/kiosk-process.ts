/**
 * A kiosk core in a process of its own that kills itself (SIGKILL) at the point of delivery its
 * FAULT_PLAN names, then serves the kiosk API like tests/helpers/kiosk-core-process.ts. Its link
 * gives up sooner and retries sooner than in production, so that runs stay short.
 */
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { createKioskCore } from '../../src/kiosk/core.js';
import { serveKioskApi } from '../helpers/kiosk-api-server.js';
import { die, planFromEnvironment, routeCounter, type KioskKillPoint } from './fault-plans.js';

const dataDir = process.env.KIOSK_DATA_DIR;
const centralUrl = process.env.CENTRAL_URL;
if (!dataDir || !centralUrl) throw new Error('KIOSK_DATA_DIR and CENTRAL_URL are required');
let plan: KioskKillPoint | null = null;
let matches = routeCounter(null);
/** A plan from the environment, or later from the test (POST /fault:arm): the next one wins. */
function arm(next: KioskKillPoint | null) {
  plan = next;
  matches = routeCounter(next && next.at !== 'before-commit' ? next : null);
}
arm(planFromEnvironment<KioskKillPoint>());

// The outbox writes each sealed file and renames it into place before its row commits.
const rename = fs.renameSync;
fs.renameSync = (from, to) => {
  rename(from, to);
  if (plan?.at === 'before-commit' && String(to).endsWith('.sealed')) die();
};
syncBuiltinESMExports();

/** Sends half of the body, then dies: the central gets a chunk broken off mid-way. */
function halfThenDie(bytes: Uint8Array): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      controller.enqueue(bytes.subarray(0, Math.max(1, Math.floor(bytes.length / 2))));
    },
    pull: () => new Promise<void>(() => setTimeout(die, 50)),
  });
}

const faultyFetch: typeof fetch = async (input, init) => {
  const url = new URL(input instanceof Request ? input.url : input.toString());
  if (!matches(init?.method ?? 'GET', url.pathname) || !plan || plan.at === 'before-commit') {
    return fetch(input, init);
  }
  if (plan.at === 'before-send') die();
  if (plan.at === 'mid-body') {
    const raw = init?.body;
    const bytes = typeof raw === 'string' ? new TextEncoder().encode(raw) : raw;
    if (!(bytes instanceof Uint8Array)) throw new Error('mid-body needs a call with a body');
    return fetch(input, { ...init, body: halfThenDie(bytes), duplex: 'half' } as RequestInit);
  }
  const response = await fetch(input, init);
  if (plan.at === 'after-answer') die();
  return response;
};

const core = createKioskCore({
  dataDir,
  centralUrl,
  host: 'web',
  version: '0.0.0-test',
  fetch: faultyFetch,
  centralTimeoutMs: 1_500,
  outboxBackoff: { baseMs: 100, capMs: 1_000 },
  submitWaitMs: Number(process.env.SUBMIT_WAIT_MS ?? 4_000),
  uploadChunkBytes: 64 * 1024,
  log: () => {},
});
await core.handlers['sync:now'](undefined);
serveKioskApi(core.handlers, {
  'fault:arm': (input) => arm(input as KioskKillPoint | null),
});

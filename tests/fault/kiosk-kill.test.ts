import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../src/testing/temp-dir.js';
import { valueOf } from '../helpers/requests-stack.js';
import { startFaultStack, type FaultStack } from './fault-stack.js';
import { describePoint, routes, type KioskKillPoint } from './fault-plans.js';
import { faultRuns, faultSeed, runTimeoutMs, seededRandom } from './fault-runs.js';

/** A kill by the test itself, `ms` after "Enviar" was pressed: anywhere at all. */
type TimedKill = { at: 'timer'; ms: number };
type KillRun = { point: KioskKillPoint | TimedKill; submitWaitMs: number };

/**
 * Each point of delivery where a kiosk can lose power: the short form keeps one of each kind
 * (before and after the local commit, mid-chunk, after the central's commit, behind a receipt
 * already printed); the long form runs them all, then the drawn ones.
 */
const named: (KillRun & { short: boolean })[] = [
  { point: { at: 'before-commit' }, short: true },
  { point: { at: 'before-send', route: routes.token, nth: 1 }, short: true },
  { point: { at: 'after-answer', route: routes.token, nth: 1 }, short: false },
  { point: { at: 'before-send', route: routes.chunk, nth: 2 }, short: false },
  { point: { at: 'mid-body', route: routes.chunk, nth: 3 }, short: true },
  { point: { at: 'after-answer', route: routes.chunk, nth: 2 }, short: false },
  { point: { at: 'after-answer', route: routes.submit, nth: 1 }, short: true },
].map((run) => ({ ...run, submitWaitMs: 4_000 }) as KillRun & { short: boolean });
// The customer left with "Pendiente de envío"; the kiosk then died in the middle of delivering.
named.push({
  point: { at: 'mid-body', route: routes.chunk, nth: 4 },
  submitWaitMs: 150,
  short: true,
});

function drawn(count: number): KillRun[] {
  const random = seededRandom(faultSeed);
  return Array.from({ length: count }, () => {
    const at = random.pick([
      'before-commit',
      'before-send',
      'mid-body',
      'after-answer',
      'timer',
    ] as const);
    const route = random.pick(Object.values(routes));
    const point: KioskKillPoint | TimedKill =
      at === 'timer'
        ? { at, ms: random.int(0, 2_500) }
        : at === 'before-commit'
          ? { at }
          : { at, route, nth: route === routes.chunk ? random.int(1, 8) : 1 };
    return { point, submitWaitMs: random.pick([150, 4_000, 4_000]) };
  });
}

const describeRun = ({ point, submitWaitMs }: KillRun) =>
  `${point.at === 'timer' ? `timer ${point.ms} ms` : describePoint(point)}, receipt after ≤ ${submitWaitMs} ms`;

/**
 * kill -9 of the kiosk core at points of delivery (before and after the local commit, mid-chunk,
 * after the central's commit but before its answer), then a restart; every run ends with the
 * same invariants. One central (SQLite), one kiosk folder for every run: each run adds a request.
 */
describe('kill -9 of the kiosk core during delivery', () => {
  const temp = tempDir('ventanilla-kiosk-kill-');
  let stack: FaultStack;
  let committed = 0;
  let fired = 0;
  beforeAll(async () => {
    stack = await startFaultStack({ dataDir: path.join(temp.dir, 'central') });
    if (faultRuns) console.info(`kiosk kill: ${faultRuns} drawn runs, FAULT_SEED=${faultSeed}`);
  });
  afterAll(async () => {
    await stack?.close();
    temp.remove();
    if (faultRuns) console.info(`kiosk kill: the plan's point was reached in ${fired} runs`);
  });

  async function killRun({ point, submitWaitMs }: KillRun): Promise<boolean> {
    const kiosk = await stack.armKiosk(point.at === 'timer' ? null : point, submitWaitMs);
    // The delivery token is asked for when the request starts: a kill there stops the wizard.
    const started = await stack.prepareRequest().then(
      () => true,
      async (error: unknown) => {
        // Only the kiosk's own death counts: any other failure is the test's.
        await Promise.race([kiosk.exited, sleep(5_000)]);
        if (kiosk.alive()) throw error;
        return false;
      },
    );
    const timer = point.at === 'timer' ? setTimeout(() => void kiosk.kill(), point.ms) : undefined;
    const receipt = started ? await stack.submit() : null;
    // A kill after the receipt (delivery goes on behind "Pendiente de envío") needs a moment; a
    // kiosk that stopped answering is dying (its exit is reported a little after its sockets).
    const drained = stack.drained(8_000).then(
      () => undefined,
      () => Promise.race([kiosk.exited, sleep(3_000)]),
    );
    await Promise.race([kiosk.exited, drained]);
    clearTimeout(timer);
    const reached = !kiosk.alive();
    await kiosk.kill();
    await stack.startKiosk();
    await stack.signIn();
    // Killed before its commit, the request is still the customer's draft: they send it again
    // (filling it again if the kiosk died while it was being filled).
    if (!started || valueOf(await stack.call('request:current')) !== null) {
      expect(receipt).toBeNull();
      if (!started) await stack.prepareRequest();
      expect(await stack.submit()).not.toBeNull();
    }
    expect(await stack.drained()).toMatchObject({ waiting: 0, needsAuth: 0, rejected: 0 });
    committed++;
    // Exactly one request per run, whatever the point: never lost, never committed twice.
    expect((await stack.expectNothingLost()).requests).toBe(committed);
    return reached;
  }

  for (const run of named.filter((candidate) => candidate.short || faultRuns > 0)) {
    it(
      describeRun(run),
      async () => {
        expect(await killRun(run), 'the kill point was reached').toBe(true);
      },
      runTimeoutMs,
    );
  }
  drawn(faultRuns).forEach((run, index) => {
    it(
      `drawn run ${index + 1}: ${describeRun(run)}`,
      async () => {
        if (await killRun(run)) fired++;
      },
      runTimeoutMs,
    );
  });
});

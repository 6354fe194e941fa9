import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Engine } from '../../central/db/index.js';
import { describeEachEngine } from '../../central/testing/engines.js';
import { startFaultStack, type FaultStack } from './fault-stack.js';
import { describePoint, routes, type CentralKillPoint } from './fault-plans.js';
import { faultRuns, faultSeed, runTimeoutMs, seededRandom } from './fault-runs.js';

const random = seededRandom(faultSeed + 1);

/**
 * Where the central dies: mid-upload, mid-submit, and after its commit but before its answer (of
 * a chunk or of the submission). `short`: in the short form, and on which engines.
 */
const scenarios = (): (CentralKillPoint & { short: Engine[] })[] => [
  {
    route: routes.chunk,
    nth: random.int(1, 4),
    at: 'mid-request',
    delayMs: random.int(0, 15),
    short: ['sqlite'],
  },
  { route: routes.chunk, nth: random.int(1, 4), at: 'before-answer', short: [] },
  {
    route: routes.submit,
    nth: 1,
    at: 'mid-request',
    delayMs: random.int(0, 20),
    short: ['sqlite', 'postgres'],
  },
  { route: routes.submit, nth: 1, at: 'before-answer', short: ['sqlite', 'postgres'] },
];

/**
 * The central killed (SIGKILL) while a kiosk delivers, then started again on the same database
 * and files; the kiosk's outbox finishes and every invariant holds. On SQLite and PostgreSQL.
 */
describeEachEngine('kill -9 of the central during delivery', (engine) => {
  let stack: FaultStack;
  let committed = 0;
  beforeAll(async () => {
    stack = await startFaultStack(await engine.newLocation());
    await stack.startKiosk(null, 1_000);
  });
  afterAll(async () => {
    await stack?.close();
  });

  const rounds = Math.max(1, Math.ceil(faultRuns / 25));
  for (let round = 1; round <= rounds; round++) {
    for (const { short, ...point } of scenarios()) {
      if (!faultRuns && !short.includes(engine.name)) continue;
      it(
        `${describePoint(point)}${rounds > 1 ? ` (round ${round})` : ''}`,
        async () => {
          await stack.armCentral(point);
          await stack.prepareRequest();
          const receipt = await stack.submit();
          expect(receipt).not.toBeNull();
          await Promise.race([stack.central.exited, sleep(10_000)]);
          expect(stack.central.alive(), 'the central reached its kill point').toBe(false);

          await stack.restartCentral();
          expect(await stack.drained()).toMatchObject({ waiting: 0, needsAuth: 0, rejected: 0 });
          committed++;
          expect((await stack.expectNothingLost()).requests).toBe(committed);
        },
        runTimeoutMs,
      );
    }
  }
});

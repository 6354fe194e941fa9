import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../src/testing/temp-dir.js';
import { kioskDatabase } from './commit-ledger.js';
import { startFaultStack, type FaultStack } from './fault-stack.js';
import { faultRuns, faultSeed, runTimeoutMs, seededRandom } from './fault-runs.js';
import type { LinkRule } from './tcp-proxy.js';

type LinkScenario = { name: string; rule: LinkRule; lastError?: RegExp };

const submissions = /^POST \/api\/v1\/requests$/;
const random = seededRandom(faultSeed);

/** What the branch's link does while a customer presses "Enviar", then it comes back. */
const scenarios = (): LinkScenario[] => [
  { name: 'slow: every chunk held 300 ms', rule: { kind: 'delay', ms: 300 } },
  {
    name: 'cut mid-upload, and down until it returns',
    rule: { kind: 'cut-after', bytes: random.int(20_000, 200_000) },
    lastError: /conexión/,
  },
  {
    name: 'answers of submissions lost: the central files, the kiosk never hears',
    rule: { kind: 'cut-after', bytes: 0, direction: 'down', only: submissions },
    lastError: /conexión/,
  },
  {
    name: 'an answer broken off mid-body counts as a dropped link',
    rule: {
      kind: 'cut-after',
      bytes: 300,
      direction: 'down',
      only: submissions,
      perConnection: true,
    },
    lastError: /conexión/,
  },
  { name: 'every connection reset', rule: { kind: 'reset' }, lastError: /conexión/ },
  { name: 'black hole: nothing comes back', rule: { kind: 'black-hole' }, lastError: /respondió/ },
];

/**
 * The link between kiosk and central (a TCP proxy) delays, cuts after N bytes, resets and
 * black-holes while requests are sent; when it returns, the outbox empties and every invariant
 * holds. One central (SQLite) and one kiosk core process for all scenarios.
 */
describe('a faulty link between kiosk and central', () => {
  const temp = tempDir('ventanilla-link-');
  let stack: FaultStack;
  let committed = 0;
  beforeAll(async () => {
    stack = await startFaultStack({ dataDir: path.join(temp.dir, 'central') });
    // The customer leaves with a receipt after one attempt at most, as on a bad day.
    await stack.startKiosk(null, 1_000);
  });
  afterAll(async () => {
    await stack?.close();
    temp.remove();
  });

  const lastErrorOf = (reference: string) => {
    const db = new Database(kioskDatabase(stack.kioskDir), { readonly: true });
    try {
      return db
        .prepare<[string], { lastError: string | null }>(
          'SELECT last_error AS lastError FROM outbox_items WHERE reference = ?',
        )
        .get(reference)?.lastError;
    } finally {
      db.close();
    }
  };

  const rounds = Math.max(1, Math.ceil(faultRuns / 20));
  for (let round = 1; round <= rounds; round++) {
    for (const scenario of scenarios()) {
      it(
        rounds > 1 ? `${scenario.name} (round ${round})` : scenario.name,
        async () => {
          await stack.prepareRequest();
          stack.proxy.set(scenario.rule);
          const receipt = await stack.submit();
          expect(receipt).not.toBeNull();
          // Delivery keeps trying on the bad link for a while.
          await sleep(1_000);
          if (scenario.lastError && receipt?.state === 'pendiente-de-envio') {
            expect(lastErrorOf(receipt.reference)).toMatch(scenario.lastError);
          }
          stack.proxy.set({ kind: 'pass' });
          stack.proxy.dropConnections();
          expect(await stack.drained()).toMatchObject({ waiting: 0, needsAuth: 0, rejected: 0 });
          committed++;
          expect((await stack.expectNothingLost()).requests).toBe(committed);
        },
        runTimeoutMs,
      );
    }
  }
});

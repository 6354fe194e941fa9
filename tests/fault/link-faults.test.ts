import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase } from '../../central/db/index.js';
import type { SubmitReceipt } from '../../src/contract/index.js';
import { tempDir } from '../../src/testing/temp-dir.js';
import { demoHolder } from '../helpers/customer.js';
import { valueOf } from '../helpers/requests-stack.js';
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
  const centralDir = path.join(temp.dir, 'central');
  let stack: FaultStack;
  let committed = 0;
  beforeAll(async () => {
    stack = await startFaultStack({ dataDir: centralDir });
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

  const rowsOf = (table: 'outbox_sign_outs' | 'outbox_spares') => {
    const db = new Database(kioskDatabase(stack.kioskDir), { readonly: true });
    try {
      return db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM ${table}`).get()!.n;
    } finally {
      db.close();
    }
  };
  const signOutsWaiting = () => rowsOf('outbox_sign_outs');

  const liveSessionsAtCentral = async () => {
    const central = createDatabase({ dataDir: centralDir });
    try {
      const rows = await central.db
        .selectFrom('sessions')
        .innerJoin('accounts', 'accounts.id', 'sessions.account_id')
        .select('sessions.token_hash')
        .where('accounts.email', '=', demoHolder.email)
        .where('sessions.ended_at', 'is', null)
        .execute();
      return rows.length;
    } finally {
      await central.destroy();
    }
  };

  it(
    'link down at "Enviar", then "Salir", then the link returns: delivered once within a minute, nobody signed in',
    async () => {
      // Online while the customer fills the request: the kiosk takes its delivery token then.
      await stack.prepareRequest();
      await expect.poll(() => rowsOf('outbox_spares'), { timeout: 30_000 }).toBe(1);
      stack.proxy.set({ kind: 'reset' });
      stack.proxy.dropConnections();
      const receipt = (await stack.submit()) as SubmitReceipt;
      expect(receipt.state).toBe('pendiente-de-envio');
      // The number the token reserved, printed although the link was down.
      expect(receipt.number).toMatch(/^T-\d{4}-\d{6}$/);
      expect(valueOf(await stack.call('session:signOut'))).toEqual({ ended: true });
      expect(valueOf(await stack.call('session:current'))).toBeNull();
      // The sign-out could not reach the central: it waits in the outbox, behind the request.
      expect(signOutsWaiting()).toBe(1);
      expect(rowsOf('outbox_spares')).toBe(0);
      expect(await liveSessionsAtCentral()).toBeGreaterThan(0);

      stack.proxy.set({ kind: 'pass' });
      const back = Date.now();
      expect(await stack.drained(60_000)).toMatchObject({ waiting: 0, needsAuth: 0, rejected: 0 });
      await expect.poll(signOutsWaiting, { timeout: 60_000 - (Date.now() - back) }).toBe(0);
      expect(valueOf(await stack.call('session:current'))).toBeNull();
      committed++;
      expect((await stack.expectNothingLost()).requests).toBe(committed);
      // The session ended on the central once the sign-out went, after the delivery it named.
      expect(await liveSessionsAtCentral()).toBe(0);
    },
    runTimeoutMs,
  );

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

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OutboxState } from '../store/index.js';
import {
  fixtureOwner,
  fixturePdf,
  fixtureSession,
  outboxFixture,
  type OutboxFixture,
} from '../testing/outbox-fixture.js';
import {
  simulatedCentral,
  type CentralFault,
  type SimulatedCentral,
} from '../testing/simulated-central.js';
import { tempDir } from '../testing/temp-dir.js';

/** What the outbox should hold, item by item, and whether its customer is signed in. */
type ModelItem = {
  sequence: number;
  state: OutboxState;
  credential: boolean;
  attachments: number;
  /** The central has filed it (delivered, or its answer was lost on the way back). */
  filed: boolean;
};
type Model = { items: ModelItem[]; session: boolean };
type Real = {
  fixture: OutboxFixture;
  central: SimulatedCentral;
  clock: { now: Date };
  session: { token: string | null };
};
type OutboxCommand = fc.AsyncCommand<Model, Real>;

/** Everything due again: longer than the longest backoff. */
const pastEveryBackoff = 11 * 60_000;
const linkDown = new Set<CentralFault>(['network', 'answer-lost']);

/**
 * One delivery pass as the worker must make it: oldest first; an item whose customer left and
 * that has no credential waits for them; a dropped link ends the pass; a refusal, a 401 or a 5xx
 * settles that item and the pass goes on to the next.
 */
function modelPass(model: Model, fault: CentralFault): number[] {
  const filedNow: number[] = [];
  for (const item of model.items.filter((candidate) => candidate.state === 'waiting')) {
    if (!item.credential && !model.session) {
      item.state = 'needs-auth';
      continue;
    }
    if (fault === 'unavailable') continue;
    if (fault === 'network') return filedNow;
    item.credential = true;
    if (fault === 'unauthorized') {
      Object.assign(item, { state: 'needs-auth', credential: false });
      continue;
    }
    if (fault === 'reject' && !item.filed) {
      item.state = 'rejected';
      continue;
    }
    if (!item.filed) filedNow.push(item.sequence);
    item.filed = true;
    if (linkDown.has(fault)) return filedNow;
    Object.assign(item, { state: 'delivered', credential: false });
  }
  return filedNow;
}

/** The real outbox, its files and the central agree with the model. */
function expectAgreement(model: Model, { fixture, central }: Real) {
  const { outbox } = fixture.store;
  for (const item of model.items) {
    const row = outbox.get(item.sequence)!;
    expect({
      sequence: item.sequence,
      state: row.state,
      credential: row.credential !== null,
    }).toEqual({
      sequence: item.sequence,
      state: item.state,
      credential: item.credential,
    });
    if (item.state === 'delivered') {
      expect(row.payload).toBeNull();
      expect(row.requestNumber).toBe(central.filed.get(row.idempotencyKey)?.number);
    }
  }
  // Exactly once: a key is filed once at most, and only the model's filed items are there.
  expect(central.filed.size).toBe(model.items.filter((item) => item.filed).length);
  const unsent = model.items.filter((item) => item.state !== 'delivered');
  expect(fixture.sealedFiles()).toHaveLength(unsent.reduce((n, item) => n + item.attachments, 0));
  const count = (state: OutboxState) => model.items.filter((item) => item.state === state).length;
  expect(outbox.status()).toMatchObject({
    waiting: count('waiting'),
    rejected: count('rejected'),
    needsAuth: count('needs-auth'),
  });
}

const enqueue = (sizes: number[], prepare: boolean, fault: CentralFault): OutboxCommand => ({
  check: () => true,
  async run(model, real) {
    const pdfs = sizes.map((size, index) => fixturePdf(`${model.items.length}-${index}`, size));
    const { sequence } = real.fixture.enqueue(pdfs);
    const asked = prepare && model.session;
    if (asked) {
      real.central.setFault(fault);
      // "Enviar" asks for the token; offline it is asked again later.
      await real.fixture.outbox.prepare(sequence, fixtureSession).catch(() => undefined);
    }
    model.items.push({
      sequence,
      state: 'waiting',
      credential: asked && fault !== 'network' && fault !== 'unavailable',
      attachments: sizes.length,
      filed: false,
    });
    expectAgreement(model, real);
  },
  toString: () => `enqueue(${sizes.join('+')} bytes${prepare ? `, prepared on ${fault}` : ''})`,
});

const pass = (fault: CentralFault): OutboxCommand => ({
  check: () => true,
  async run(model, real) {
    real.clock.now = new Date(real.clock.now.getTime() + pastEveryBackoff);
    real.central.setFault(fault);
    const before = new Set(real.central.filed.keys());
    await real.fixture.pass();
    const expected = modelPass(model, fault);
    // Dependent items keep their order: what a pass files, it files oldest first.
    const filed = [...real.central.filed.keys()]
      .filter((key) => !before.has(key))
      .map(
        (key) =>
          model.items.find(
            (item) => real.fixture.store.outbox.get(item.sequence)?.idempotencyKey === key,
          )?.sequence,
      );
    expect(filed).toEqual(expected);
    expectAgreement(model, real);
  },
  toString: () => `pass(${fault})`,
});

const customer = (present: boolean): OutboxCommand => ({
  check: () => true,
  run(model, real) {
    model.session = present;
    real.session.token = present ? fixtureSession : null;
    if (present) {
      real.fixture.outbox.resumeFor(fixtureOwner);
      for (const item of model.items) if (item.state === 'needs-auth') item.state = 'waiting';
    }
    expectAgreement(model, real);
    return Promise.resolve();
  },
  toString: () => (present ? 'customer signs in' : 'customer leaves'),
});

const restart: OutboxCommand = {
  check: () => true,
  async run(model, real) {
    await real.fixture.reopen();
    expectAgreement(model, real);
  },
  toString: () => 'restart',
};

const fault = fc.oneof(
  { weight: 2, arbitrary: fc.constant<CentralFault>('none') },
  fc.constantFrom<CentralFault>('network', 'unavailable', 'reject', 'unauthorized', 'answer-lost'),
);
const enqueues = fc
  .tuple(fc.array(fc.integer({ min: 200, max: 2_600 }), { maxLength: 2 }), fc.boolean(), fault)
  .map(([sizes, prepare, at]) => enqueue(sizes, prepare, at));
const passes = fault.map(pass);
// Listed twice: queues, passes and customers coming and going make most of a sequence.
const customers = fc.boolean().map(customer);
const commands = [enqueues, enqueues, passes, passes, customers, customers, fc.constant(restart)];

describe('the outbox as a state machine, against a model', () => {
  it('agrees with the model after any sequence of enqueues, passes, faults, customers and restarts', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.commands(commands, { maxCommands: 40, size: 'large' }),
        async (sequence) => {
          const temp = tempDir('ventanilla-outbox-model-');
          const clock = { now: new Date('2026-11-28T15:00:00Z') };
          const session = { token: fixtureSession as string | null };
          const central = simulatedCentral(() => clock.now);
          const fixture = outboxFixture(temp.dir, central, clock, session);
          try {
            await fc.asyncModelRun(
              () => ({
                model: { items: [], session: true },
                real: { fixture, central, clock, session },
              }),
              sequence,
            );
          } finally {
            fixture.close();
            temp.remove();
          }
        },
      ),
      { numRuns: Number(process.env.PROPERTY_RUNS ?? 150) },
    );
  }, 120_000);
});

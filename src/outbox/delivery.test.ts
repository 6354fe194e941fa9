import { afterEach, describe, expect, it } from 'vitest';
import {
  fixturePdf,
  fixtureSession,
  outboxFixture,
  type OutboxFixture,
} from '../testing/outbox-fixture.js';
import { simulatedCentral } from '../testing/simulated-central.js';
import { useTempDir } from '../testing/use-temp-dir.js';

const temp = useTempDir();
const clock = { now: new Date('2026-11-28T15:00:00Z') };
let fixture: OutboxFixture | undefined;
afterEach(() => fixture?.close());

describe('delivery of one item', () => {
  it('asks once for an item’s credential when "Enviar" and the worker need it at the same time', async () => {
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const central = simulatedCentral(() => clock.now, {
      before: (_method, path) => (path === '/api/v1/delivery-tokens' ? held : Promise.resolve()),
    });
    fixture = outboxFixture(temp.dir, central, clock, { token: fixtureSession });
    const { sequence } = fixture.enqueue([fixturePdf('race', 2500)]);
    // "Enviar" asks for the token while a pass (a backlog's, a retry's) finds the item due.
    const preparing = fixture.outbox.prepare(sequence, fixtureSession);
    fixture.outbox.worker.start();
    await new Promise((resolve) => setTimeout(resolve, 20));
    release();
    await preparing;
    const printed = fixture.store.outbox.get(sequence)?.requestNumber;
    await fixture.outbox.worker.idle();
    await fixture.outbox.worker.stop();

    expect(central.tokensIssued()).toBe(1);
    expect(fixture.store.outbox.get(sequence)).toMatchObject({
      state: 'delivered',
      requestNumber: printed,
    });
    expect([...central.filed.values()].map((filed) => filed.number)).toEqual([printed]);
  });

  it('asks for the status, never sends an empty chunk, when the central holds every byte but no completion', async () => {
    const central = simulatedCentral(() => clock.now);
    fixture = outboxFixture(temp.dir, central, clock, { token: fixtureSession });
    const pdf = fixturePdf('whole', 2500);
    fixture.enqueue([pdf]);
    await fixture.pass();
    central.hideNextCompletion();
    const { sequence } = fixture.enqueue([pdf]);
    await fixture.pass();

    expect(fixture.store.outbox.get(sequence)?.state).toBe('delivered');
    expect(central.calls.filter((call) => call.method === 'PATCH' && !call.body?.length)).toEqual(
      [],
    );
    expect(central.calls.filter((call) => call.method === 'GET')).toHaveLength(1);
  });
});

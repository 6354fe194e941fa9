import { addressOf } from '../testing/accounts-app.js';
import { beforeAll, beforeEach, expect, it } from 'vitest';
import { describeEachEngine } from '../testing/engines.js';
import { supplyMessages } from './messages.js';
import { anaProof, startSuppliesApp, type SuppliesApp } from './test-app.js';

const link = '/api/v1/me/supplies';
const lookup = '/api/v1/invoices/lookup';
const notMatched = { code: 'supply_not_matched', message: supplyMessages.notMatched };
const supply100234 = {
  number: '100234',
  service: 'energia',
  address: 'San Martín 120, Colón',
  state: 'activo',
};

describeEachEngine('ASOCIAR CUENTA and CUENTAS', (engine) => {
  let h: SuppliesApp;
  beforeAll(async () => {
    // Few failures allowed, so the throttling tests stay short.
    h = await startSuppliesApp(engine, {
      config: { proofThrottle: { kioskFailures: 4, accountFailures: 3, addressFailures: 6 } },
    });
  });
  // Every test starts with the throttling windows of the earlier ones over.
  beforeEach(() => h.clock.advance(16 * 60_000));

  it('needs a session', async () => {
    const response = await h.post(link, anaProof);
    expect(response.status).toBe(401);
    expect(response.body.code).toBe('session_required');
  });

  it('links by supply number, once, and lists it', async () => {
    const ana = await h.signIn();
    const first = await h.post(link, anaProof, ana);
    expect(first).toMatchObject({ status: 201, body: supply100234 });

    const again = await h.post(link, anaProof, ana);
    expect(again).toMatchObject({ status: 200, body: supply100234 });
    const rows = await h.db.selectFrom('account_supplies').selectAll().execute();
    expect(rows.filter((row) => row.supply_number === '100234')).toHaveLength(1);

    const list = await h.get(link, ana);
    expect(list).toMatchObject({ status: 200, body: { supplies: [supply100234] } });
  });

  it('links by an invoice number typed with or without its dashes', async () => {
    const ana = await h.signIn('kiosco-2');
    const byInvoice = await h.post(
      link,
      { ...anaProof, supplyOrInvoiceNumber: '0003-00012399' },
      ana,
    );
    expect(byInvoice).toMatchObject({ status: 201, body: supply100234 });
    const internet = await h.post(link, { ...anaProof, supplyOrInvoiceNumber: '100.235' }, ana);
    expect(internet).toMatchObject({
      status: 201,
      body: { number: '100235', service: 'internet' },
    });
    const list = await h.get(link, ana);
    expect((list.body.supplies as { number: string }[]).map((s) => s.number)).toEqual([
      '100234',
      '100235',
    ]);
  });

  it('answers every mismatch the same way, whichever field is wrong', async () => {
    const wrong = [
      { supplyOrInvoiceNumber: '999999' },
      { supplyOrInvoiceNumber: '0003-00099999' },
      // The supply of another holder (CUIT 20-12345678-6), with Ana's data.
      { supplyOrInvoiceNumber: '200451' },
      { documentNumber: '30123457' },
      { documentType: 'LE' },
      { birthDate: '1980-05-26' },
    ];
    const linksBefore = await h.db.selectFrom('account_supplies').selectAll().execute();
    const answers = [];
    for (const [index, change] of wrong.entries()) {
      // Each from its own kiosk and account: this test is about the answers, not throttling.
      const from = addressOf(`kiosco-mismatch-${index}`);
      const headers = await h.signIn(`kiosco-mismatch-${index}`, from);
      const response = await h.post(link, { ...anaProof, ...change }, headers, from);
      answers.push({ status: response.status, body: response.body });
    }
    for (const answer of answers) expect(answer).toEqual({ status: 422, body: notMatched });
    expect(await h.db.selectFrom('account_supplies').selectAll().execute()).toEqual(linksBefore);
  });

  it('looks up the last invoice without an account, with the same proof and answer', async () => {
    const found = await h.post(lookup, anaProof, { 'x-kiosk-id': 'kiosco-lookup' });
    expect(found).toMatchObject({
      status: 200,
      body: {
        supply: supply100234,
        invoice: { number: '0003-00012399', amountCents: 123450, state: 'pendiente' },
      },
    });
    const wrong = await h.post(
      lookup,
      { ...anaProof, birthDate: '1981-05-25' },
      { 'x-kiosk-id': 'kiosco-lookup' },
    );
    expect(wrong).toEqual(expect.objectContaining({ status: 422, body: notMatched }));
  });

  it('throttles failures per kiosk, for linking and lookups together', async () => {
    // A kiosk without a credential is its address.
    const from = addressOf('kiosco-throttle');
    const kiosk = { 'x-kiosk-id': 'kiosco-throttle' };
    const ana = await h.signIn('kiosco-throttle', from);
    const wrong = { ...anaProof, birthDate: '1990-01-01' };
    // Four failures at the kiosk, alternating between linking (signed in) and lookups.
    for (let i = 0; i < 2; i++) {
      expect((await h.post(lookup, wrong, kiosk, from)).status).toBe(422);
      expect((await h.post(link, wrong, ana, from)).status).toBe(422);
    }
    const blocked = await h.post(lookup, anaProof, kiosk, from);
    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe('too_many_attempts');
    const retryAfter = Number(blocked.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    // Right data does not get through while the kiosk waits, signed in or not.
    expect((await h.post(link, anaProof, ana, from)).status).toBe(429);

    // Another kiosk is not affected.
    const neighbour = addressOf('kiosco-vecino');
    expect(
      (await h.post(lookup, anaProof, { 'x-kiosk-id': 'kiosco-vecino' }, neighbour)).status,
    ).toBe(200);

    h.clock.advance(retryAfter * 1000);
    expect((await h.post(lookup, anaProof, kiosk, from)).status).toBe(200);
  });

  it('throttles failures per account, whichever kiosk they come from', async () => {
    const kiosks = ['kiosco-a', 'kiosco-b', 'kiosco-c', 'kiosco-d'];
    const headers = await h.signIn(kiosks[0], addressOf(kiosks[0]!));
    const wrong = { ...anaProof, documentNumber: '11222333' };
    for (const kiosk of kiosks.slice(0, 3)) {
      const response = await h.post(link, wrong, headers, addressOf(kiosk));
      expect(response.status).toBe(422);
    }
    const blocked = await h.post(link, anaProof, headers, addressOf(kiosks[3]!));
    expect(blocked.status).toBe(429);
    expect(blocked.headers['retry-after']).toBeDefined();
    // Someone else at that fresh kiosk is not affected by this account's failures.
    const other = await h.signIn(kiosks[3], addressOf(kiosks[3]!));
    expect((await h.post(link, anaProof, other, addressOf(kiosks[3]!))).status).toBe(201);
  });

  it('counts invented kiosk ids as their one address: a new id buys no try', async () => {
    const wrong = { ...anaProof, birthDate: '1970-01-01' };
    const from = addressOf('inventor');
    for (let i = 0; i < 4; i++) {
      const response = await h.post(lookup, wrong, { 'x-kiosk-id': `inventado-${i}` }, from);
      expect(response.status).toBe(422);
    }
    const blocked = await h.post(lookup, anaProof, { 'x-kiosk-id': 'inventado-nuevo' }, from);
    expect(blocked.status).toBe(429);
    h.clock.advance(Number(blocked.headers['retry-after']) * 1000);
    const later = await h.post(lookup, anaProof, { 'x-kiosk-id': 'inventado-nuevo' }, from);
    expect(later.status).toBe(200);
  });
});

import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { describeEachEngine } from '../testing/engines.js';
import { startLiveCentral, type LiveCentral } from '../testing/live-central.js';

const minute = 60_000;
const wrong = 'adivinando claves';

/**
 * Who a sign-in comes from, over HTTP against the real central: only what the central
 * authenticated (an enrolled kiosk's credential, else the client's address) is a source; headers
 * a caller makes up buy nothing; the account's own limit stops every source and mails the owner;
 * tries sent at once cannot pass a limit together.
 */
describeEachEngine('sign-in throttling by authenticated source', (engine) => {
  let c: LiveCentral;
  beforeAll(async () => {
    c = await startLiveCentral(engine);
  });
  afterAll(() => c?.close());
  // Each test starts after every earlier window is over.
  beforeEach(() => c.clock.advance(2 * 60 * minute));

  /** Headers an attacker changes on every try. */
  const madeUp = (i: number) => ({
    'x-kiosk-id': `kiosco-inventado-${i}`,
    'x-forwarded-for': `203.0.113.${i}`,
    'x-real-ip': `198.51.100.${i}`,
  });

  const staffTry = (email: string, password: string, from = '127.0.0.1', i = 0) =>
    c.call('POST', '/api/v1/staff/sessions', {
      body: { email, password },
      from,
      headers: madeUp(i),
    });
  const customerTry = (email: string, password: string, from = '127.0.0.1', i = 0) =>
    c.call('POST', '/api/v1/sessions', { body: { email, password }, from, headers: madeUp(i) });

  it('gives a staff account 5 tries from one address however the kiosk id and proxy headers change', async () => {
    const { email, password } = await c.addStaff(['revisor']);
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++)
      statuses.push((await staffTry(email, wrong, '127.0.0.2', i)).status);
    expect(statuses.filter((status) => status === 401)).toHaveLength(5);
    expect(statuses.slice(5)).toEqual(Array(15).fill(429));
    const right = await staffTry(email, password, '127.0.0.2', 99);
    expect(right.status).toBe(429);
    expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another address is another source: the owner there signs in.
    expect((await staffTry(email, password, '127.0.0.3')).status).toBe(201);
  });

  it('does the same for customers on a central that takes kiosks without a credential', async () => {
    const ana = await c.addCustomer();
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++)
      statuses.push((await customerTry(ana.email, wrong, '127.0.0.4', i)).status);
    expect(statuses.filter((status) => status === 401)).toHaveLength(5);
    expect((await customerTry(ana.email, ana.password, '127.0.0.4', 50)).status).toBe(429);
    expect((await customerTry(ana.email, ana.password, '127.0.0.5')).status).toBe(201);
  });

  it('after the account’s own 20 failures every source waits, the owner’s too, and the owner is told by mail', async () => {
    const { email, password } = await c.addStaff(['sistemas'], 'Marta Ríos');
    // Four addresses, five wrong passwords each: the account's 20.
    for (let address = 10; address < 14; address++) {
      for (let i = 0; i < 5; i++) {
        expect((await staffTry(email, wrong, `127.0.0.${address}`, i)).status).toBe(401);
      }
    }
    // A fresh address gets nothing, not even the owner with the right password.
    const owner = await staffTry(email, password, '127.0.0.20');
    expect(owner.status).toBe(429);
    expect(owner.body.code).toBe('too_many_attempts');
    expect(Number(owner.headers.get('retry-after'))).toBeGreaterThan(50 * 60);
    expect((await staffTry(email, wrong, '127.0.0.21')).status).toBe(429);

    const mail = await c.mailbox.next(email, /Bloqueamos el ingreso a tu cuenta/);
    expect(mail.text).toContain('Hola, Marta Ríos:');
    expect(mail.text).toMatch(/nadie puede ingresar con contraseña hasta las \d\d:\d\d/);
    expect(mail.text).toContain('avisale a Sistemas');

    // The lock ends with its hour; no second mail was sent for the tries refused meanwhile.
    c.clock.advance(61 * minute);
    expect((await staffTry(email, password, '127.0.0.20')).status).toBe(201);
    expect(c.mailbox.to(email)).toHaveLength(1);
  });

  it('lets 25 wrong passwords sent at once from one source get no more than the limit’s 5 answers', async () => {
    const { email } = await c.addStaff(['revisor']);
    const answers = await Promise.all(
      Array.from({ length: 25 }, (_, i) => staffTry(email, wrong, '127.0.0.30', i)),
    );
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 401).length).toBeLessThanOrEqual(5);
    expect(statuses.filter((status) => status === 401).length).toBeGreaterThan(0);
    expect(statuses.every((status) => status === 401 || status === 429)).toBe(true);

    const ana = await c.addCustomer();
    const customers = await Promise.all(
      Array.from({ length: 25 }, (_, i) => customerTry(ana.email, wrong, '127.0.0.31', i)),
    );
    expect(customers.filter((answer) => answer.status === 401).length).toBeLessThanOrEqual(5);
  });

  it('counts an enrolled kiosk by its credential: kiosks behind one address are sources of their own', async () => {
    const it_ = await c.staffHeaders((await c.addStaff(['sistemas'])).email);
    const [first, second] = [await c.enrolKiosk(it_), await c.enrolKiosk(it_)];
    const ana = await c.addCustomer();
    const at = (kiosk: { headers: Record<string, string> }, password: string) =>
      c.call('POST', '/api/v1/sessions', {
        body: { email: ana.email, password },
        headers: kiosk.headers,
        from: '127.0.0.40',
      });
    for (let i = 0; i < 5; i++) expect((await at(first, wrong)).status).toBe(401);
    expect((await at(first, ana.password)).status).toBe(429);
    expect((await at(second, ana.password)).status).toBe(201);
    // Naming the second kiosk without its credential is refused, not a new source.
    const named = await c.call('POST', '/api/v1/sessions', {
      body: { email: ana.email, password: ana.password },
      headers: { 'x-kiosk-id': second.kioskId },
      from: '127.0.0.40',
    });
    expect(named.status).toBe(401);
    expect(named.body.code).toBe('kiosk_credential_required');
  });
});

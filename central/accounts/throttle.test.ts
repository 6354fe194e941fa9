import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
import { messages } from '../messages.js';
import {
  activeAccount,
  addressOf,
  startAccountsApp,
  type AccountsApp,
} from '../testing/accounts-app.js';
import { describeEachEngine } from '../testing/engines.js';

const minute = 60_000;

describeEachEngine('accounts: sign-in throttling', (engine) => {
  let h: AccountsApp;
  // Every test here comes from 127.0.0.1: the address rule has its own test below.
  beforeAll(async () => {
    h = await startAccountsApp(engine, { throttle: { addressFailures: 10_000 } });
  });
  afterAll(() => h.close());
  // Each test starts after every earlier window is over.
  beforeEach(() => h.clock.advance(60 * minute));

  // Each kiosk here is a source of its own: a kiosk without a credential is its address.
  const signIn = (email: string, password: string, kiosk: string) =>
    h.post('/api/v1/sessions', { email, password }, {}, addressOf(kiosk));

  it('slows one account at one kiosk after 5 failures, with growing waits, but not at another kiosk', async () => {
    const account = await activeAccount(h);
    for (let i = 0; i < 5; i++) {
      expect((await signIn(account.email, 'adivinando claves', 'kiosco-a')).status).toBe(401);
    }
    const blocked = await signIn(account.email, account.password, 'kiosco-a');
    expect(blocked.status).toBe(429);
    expect(blocked.headers['retry-after']).toBe('30');
    expect(blocked.body).toEqual({
      code: 'too_many_attempts',
      message: messages.accounts.tooManyAttempts(30),
      retryAfterSeconds: 30,
    });
    expect(String(blocked.body.message)).toContain('Esperá 30 segundos');

    // The owner at another kiosk is not locked out by what happened at this one.
    expect((await signIn(account.email, account.password, 'kiosco-b')).status).toBe(201);

    // After the wait, one more failure doubles it.
    h.clock.advance(31_000);
    expect((await signIn(account.email, 'adivinando claves', 'kiosco-a')).status).toBe(401);
    const longer = await signIn(account.email, account.password, 'kiosco-a');
    expect(longer.headers['retry-after']).toBe('60');

    h.clock.advance(61_000);
    expect((await signIn(account.email, account.password, 'kiosco-a')).status).toBe(201);
    // A success starts this kiosk's count for the account over.
    for (let i = 0; i < 4; i++) await signIn(account.email, 'adivinando claves', 'kiosco-a');
    expect((await signIn(account.email, account.password, 'kiosco-a')).status).toBe(201);
  });

  it('counts an unknown email like a known one, so a 429 reveals no account', async () => {
    for (let i = 0; i < 5; i++) {
      expect((await signIn('nadie@example.com', 'adivinando claves', 'kiosco-c')).status).toBe(401);
    }
    const blocked = await signIn('nadie@example.com', 'adivinando claves', 'kiosco-c');
    expect(blocked.status).toBe(429);
    expect(blocked.headers['retry-after']).toBe('30');
  });

  it('stops a kiosk after 30 failures on any accounts until its window is over', async () => {
    const account = await activeAccount(h);
    for (let i = 0; i < 30; i++) {
      const answer = await signIn(`probando${i}@example.com`, 'adivinando claves', 'kiosco-d');
      expect(answer.status).toBe(401);
    }
    const blocked = await signIn(account.email, account.password, 'kiosco-d');
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(15 * 60);
    expect((await signIn(account.email, account.password, 'kiosco-e')).status).toBe(201);

    h.clock.advance(15 * minute);
    expect((await signIn(account.email, account.password, 'kiosco-d')).status).toBe(201);
  });

  it('after 20 failures for one account from anywhere, stops every kiosk for an hour; a reset lifts it', async () => {
    const account = await activeAccount(h);
    for (const kiosk of ['k1', 'k2', 'k3']) {
      for (let i = 0; i < 5; i++) await signIn(account.email, 'adivinando claves', kiosk);
    }
    // 15 failures: the owner at a clean kiosk still signs in (a right password never counts).
    expect((await signIn(account.email, account.password, 'k5')).status).toBe(201);
    for (let i = 0; i < 5; i++) {
      expect((await signIn(account.email, 'adivinando claves', 'k4')).status).toBe(401);
    }
    // 20: nobody gets a try, the owner at a clean kiosk neither, and the owner is told.
    const locked = await signIn(account.email, account.password, 'k6');
    expect(locked.status).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(55 * 60);
    const mail = await h.lastMailTo(account.email);
    expect(mail.subject).toContain('Bloqueamos el ingreso a tu cuenta');
    expect(mail.text).toContain('«¿Olvidó su contraseña?»');

    // No lock outlives its window.
    h.clock.advance(61 * minute);
    expect((await signIn(account.email, account.password, 'k6')).status).toBe(201);
    expect((await signIn(account.email, account.password, 'k1')).status).toBe(201);
  });

  it('never counts a successful sign-in', async () => {
    const account = await activeAccount(h);
    for (let i = 0; i < 8; i++) {
      expect((await signIn(account.email, account.password, 'kiosco-f')).status).toBe(201);
    }
    for (let i = 0; i < 4; i++) await signIn(account.email, 'adivinando claves', 'kiosco-f');
    expect((await signIn(account.email, account.password, 'kiosco-f')).status).toBe(201);
  });
});

describeEachEngine('accounts: sign-in throttling per address', (engine) => {
  let h: AccountsApp;
  beforeAll(async () => {
    h = await startAccountsApp(engine, { throttle: { addressFailures: 10 } });
  });
  afterAll(() => h.close());

  it('stops an address that invents kiosk ids, until its window is over', async () => {
    const account = await activeAccount(h);
    for (let i = 0; i < 10; i++) {
      const answer = await h.post(
        '/api/v1/sessions',
        { email: `probando${i}@example.com`, password: 'adivinando claves' },
        { 'x-kiosk-id': `inventado-${i}` },
        '10.9.9.9',
      );
      expect(answer.status).toBe(401);
    }
    const fresh = { email: account.email, password: account.password };
    const blocked = await h.post(
      '/api/v1/sessions',
      fresh,
      { 'x-kiosk-id': 'inventado-nuevo' },
      '10.9.9.9',
    );
    expect(blocked.status).toBe(429);
    h.clock.advance(15 * minute);
    const later = await h.post(
      '/api/v1/sessions',
      fresh,
      { 'x-kiosk-id': 'inventado-nuevo' },
      '10.9.9.9',
    );
    expect(later.status).toBe(201);
  });
});

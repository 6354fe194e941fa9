import { afterAll, beforeAll, expect, it } from 'vitest';
import { messages } from '../messages.js';
import { newRegistration, startAccountsApp, type AccountsApp } from '../testing/accounts-app.js';
import { describeEachEngine } from '../testing/engines.js';
import { codeIn, linkTokenIn } from '../testing/smtp-mailbox.js';

const minute = 60_000;

describeEachEngine('accounts: activation codes', (engine) => {
  let h: AccountsApp;
  beforeAll(async () => {
    h = await startAccountsApp(engine);
  });
  afterAll(() => h.close());

  async function registered() {
    const registration = newRegistration();
    expect((await h.post('/api/v1/accounts', registration)).status).toBe(202);
    const mail = await h.lastMailTo(registration.email);
    return { ...registration, code: codeIn(mail), linkToken: linkTokenIn(mail, '/activar') };
  }
  const activate = (email: string, code: string) =>
    h.post('/api/v1/accounts/activation', { email, code });
  const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');
  const signIn = (email: string, password: string) =>
    h.post('/api/v1/sessions', { email, password });

  it('refuses a code after its 30 minutes, and the link too', async () => {
    const account = await registered();
    h.clock.advance(31 * minute);
    const late = await activate(account.email, account.code);
    expect(late.status).toBe(400);
    expect(late.body).toEqual({
      code: 'code_expired',
      field: 'code',
      message: messages.accounts.codeExpired.activation,
    });
    const page = await h.get(`/activar?token=${account.linkToken}`);
    expect(page.status).toBe(410);
    expect(page.text).toContain('El enlace venció o ya se usó.');
    expect((await signIn(account.email, account.password)).status).toBe(403);
  });

  it('accepts a code within its 30 minutes', async () => {
    const account = await registered();
    h.clock.advance(29 * minute);
    expect((await activate(account.email, account.code)).status).toBe(200);
  });

  it('kills a code after 5 wrong tries: the right one is then told it no longer works', async () => {
    const account = await registered();
    for (let i = 0; i < 5; i++) {
      const answer = await activate(account.email, wrong(account.code));
      expect(answer.body).toEqual({
        code: 'invalid_code',
        field: 'code',
        message: messages.accounts.invalidCode.activation,
      });
    }
    const right = await activate(account.email, account.code);
    expect(right.body).toEqual({
      code: 'code_exhausted',
      field: 'code',
      message: messages.accounts.codeExhausted.activation,
    });
    expect(right.body.message).toContain('Reenviar');
    // A wrong one still gets the answer any stranger's guess gets.
    expect((await activate(account.email, wrong(account.code))).body.code).toBe('invalid_code');
    expect((await h.get(`/activar?token=${account.linkToken}`)).status).toBe(410);
    expect((await signIn(account.email, account.password)).status).toBe(403);
  });

  it('still accepts the right code after 4 wrong tries', async () => {
    const account = await registered();
    for (let i = 0; i < 4; i++) await activate(account.email, wrong(account.code));
    expect((await activate(account.email, account.code)).status).toBe(200);
  });

  it('uses a code once', async () => {
    const account = await registered();
    expect((await activate(account.email, account.code)).status).toBe(200);
    const again = await activate(account.email, account.code);
    expect(again.status).toBe(400);
    expect(again.body).toEqual({
      code: 'code_used',
      field: 'code',
      message: messages.accounts.codeUsed.activation,
    });
  });

  it('answers an unknown email like a wrong code', async () => {
    const answer = await activate('nadie@example.com', '123456');
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({
      code: 'invalid_code',
      field: 'code',
      message: messages.accounts.invalidCode.activation,
    });
  });

  it('activates from the mail link with a Spanish page, and says so again if opened twice', async () => {
    const account = await registered();
    const page = await h.get(`/activar?token=${account.linkToken}`);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.text).toContain('Activar mi cuenta');
    expect(page.text).toContain('<html lang="es-AR">');
    const tapped = await h.app.inject({
      method: 'POST',
      url: '/activar',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ token: account.linkToken }).toString(),
    });
    expect(tapped.body).toContain('<h1>Cuenta activada</h1>');
    expect((await signIn(account.email, account.password)).status).toBe(201);

    const again = await h.get(`/activar?token=${account.linkToken}`);
    expect(again.text).toContain('ya estaba activada');
    const bogus = await h.get(`/activar?token=${'x'.repeat(43)}`);
    expect(bogus.status).toBe(410);
    expect(bogus.text).toContain('Pedí otro código en el kiosco');
    expect((await h.get('/activar')).status).toBe(410);
  });

  it('resends only after the cooldown, and the new code replaces the old one', async () => {
    const account = await registered();
    const soon = await h.post('/api/v1/accounts/activation/resend', { email: account.email });
    expect(soon.status).toBe(429);
    expect(soon.body.code).toBe('resend_cooldown');
    expect(soon.body.message).toMatch(
      /^Ya te mandamos un correo\. Esperá (\d+ segundos|1 minuto) para pedir otro\.$/,
    );
    expect(Number(soon.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(soon.headers['retry-after'])).toBeLessThanOrEqual(60);
    // The kiosk shows the same wait as a countdown: the body carries it too.
    expect(soon.body.retryAfterSeconds).toBe(Number(soon.headers['retry-after']));

    h.clock.advance(61_000);
    const resent = await h.post('/api/v1/accounts/activation/resend', { email: account.email });
    expect(resent).toMatchObject({
      status: 202,
      body: { email: account.email, retryAfterSeconds: 60 },
    });
    const mails = await h.mailsTo(account.email);
    expect(mails).toHaveLength(2);
    const newCode = codeIn(mails[1]!);

    // Drawn at random: one time in a million the new code is the old one.
    if (newCode !== account.code) {
      const old = await activate(account.email, account.code);
      expect(old.body.code).toBe('invalid_code');
    }
    expect((await h.get(`/activar?token=${account.linkToken}`)).status).toBe(410);
    expect((await activate(account.email, newCode)).status).toBe(200);
  });

  it('sends at most 5 code mails an hour to one email, so codes cannot be guessed endlessly', async () => {
    const account = await registered();
    for (let i = 0; i < 4; i++) {
      h.clock.advance(61_000);
      const resent = await h.post('/api/v1/accounts/activation/resend', { email: account.email });
      expect(resent.status).toBe(202);
    }
    expect(await h.mailsTo(account.email)).toHaveLength(5);
    h.clock.advance(61_000);
    const capped = await h.post('/api/v1/accounts/activation/resend', { email: account.email });
    expect(capped.status).toBe(429);
    expect(Number(capped.headers['retry-after'])).toBeGreaterThan(60);
    expect(await h.mailsTo(account.email)).toHaveLength(5);

    h.clock.advance(60 * minute);
    const later = await h.post('/api/v1/accounts/activation/resend', { email: account.email });
    expect(later.status).toBe(202);
    expect(await h.mailsTo(account.email)).toHaveLength(6);
  });

  it('answers a resend for an unknown or active email the same way, without a mail', async () => {
    const unknown = 'desconocido@example.com';
    const first = await h.post('/api/v1/accounts/activation/resend', { email: unknown });
    expect(first).toMatchObject({ status: 202, body: { email: unknown, retryAfterSeconds: 60 } });
    const second = await h.post('/api/v1/accounts/activation/resend', { email: unknown });
    expect(second.status).toBe(429);
    expect(second.body.code).toBe('resend_cooldown');
    expect(await h.mailsTo(unknown)).toEqual([]);

    const account = await registered();
    await activate(account.email, account.code);
    h.clock.advance(61_000);
    const active = await h.post('/api/v1/accounts/activation/resend', { email: account.email });
    expect(active).toMatchObject({ status: 202, body: { retryAfterSeconds: 60 } });
    expect(await h.mailsTo(account.email)).toHaveLength(1);
  });

  it('stores only hashes of the code and the link token', async () => {
    const account = await registered();
    const rows = await h.db.selectFrom('verification_codes').selectAll().execute();
    const dump = JSON.stringify(rows);
    expect(dump).not.toContain(account.linkToken);
    expect(dump).not.toMatch(new RegExp(`"${account.code}"`));
    for (const row of rows) {
      expect(row.code_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(row.link_token_hash).toMatch(/^[0-9a-f]{64}$/);
    }
  });
});

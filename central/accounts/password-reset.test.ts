import { afterAll, beforeAll, expect, it } from 'vitest';
import { messages } from '../messages.js';
import {
  activeAccount,
  bearer,
  newRegistration,
  startAccountsApp,
  type AccountsApp,
  addressOf,
} from '../testing/accounts-app.js';
import { describeEachEngine } from '../testing/engines.js';
import { codeIn, linkTokenIn } from '../testing/smtp-mailbox.js';

const minute = 60_000;
const newPassword = 'un caballo verde en Corrientes';

describeEachEngine('accounts: password reset', (engine) => {
  let h: AccountsApp;
  beforeAll(async () => {
    h = await startAccountsApp(engine);
  });
  afterAll(() => h.close());

  const signIn = (email: string, password: string, kiosk = 'kiosco-1') =>
    h.post('/api/v1/sessions', { email, password }, {}, addressOf(kiosk));
  const requestReset = (email: string) => h.post('/api/v1/password-resets', { email });
  const confirm = (email: string, code: string, password = newPassword) =>
    h.post('/api/v1/password-resets/confirm', { email, code, password });
  const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

  async function recoveryFor(email: string) {
    const answer = await requestReset(email);
    expect(answer).toMatchObject({ status: 202, body: { email } });
    const mail = await h.lastMailTo(email);
    expect(mail.subject).toBe('COPELCO - Recuperación de Contraseña');
    return { code: codeIn(mail), linkToken: linkTokenIn(mail, '/recuperar') };
  }

  it('answers an unknown email like a known one, and mails nobody', async () => {
    const unknown = await requestReset('nadie.aca@example.com');
    const account = await activeAccount(h);
    const known = await requestReset(account.email);
    expect(unknown.status).toBe(known.status);
    expect(Object.keys(unknown.body)).toEqual(Object.keys(known.body));
    expect(await h.mailsTo('nadie.aca@example.com')).toEqual([]);
    const recovery = (await h.mailsTo(account.email)).at(-1)!;
    expect(recovery.subject).toBe('COPELCO - Recuperación de Contraseña');
    expect(recovery.html).toContain('https://central.copelco.example/recuperar?token=');
  });

  it('changes nothing until a valid code is given; then ends every session and uses the code', async () => {
    const account = await activeAccount(h);
    const sessions = [
      await signIn(account.email, account.password, 'kiosco-1'),
      await signIn(account.email, account.password, 'kiosco-2'),
    ];
    const { code } = await recoveryFor(account.email);

    const refused = await confirm(account.email, wrong(code));
    expect(refused.body).toEqual({
      code: 'invalid_code',
      field: 'code',
      message: messages.accounts.invalidCode.password_reset,
    });
    const byStranger = await confirm('nadie.aca@example.com', code);
    expect(byStranger.body.code).toBe('invalid_code');
    for (const session of sessions) {
      expect((await h.get('/api/v1/me', bearer(session.body.token))).status).toBe(200);
    }
    expect((await signIn(account.email, account.password)).status).toBe(201);

    const changed = await confirm(account.email, code);
    expect(changed).toMatchObject({ status: 200, body: { changed: true } });
    for (const session of sessions) {
      const me = await h.get('/api/v1/me', bearer(session.body.token));
      expect(me).toMatchObject({ status: 401, body: { code: 'session_expired' } });
    }
    expect((await signIn(account.email, account.password)).status).toBe(401);
    expect((await signIn(account.email, newPassword)).status).toBe(201);

    const reused = await confirm(account.email, code, 'y otra más, distinta');
    expect(reused.body).toMatchObject({ code: 'code_used', field: 'code' });
    expect((await signIn(account.email, newPassword)).status).toBe(201);
  });

  it('refuses a common new password without spending the code', async () => {
    const account = await activeAccount(h);
    const { code } = await recoveryFor(account.email);
    const common = await confirm(account.email, code, 'FOOTBALL');
    expect(common.body).toEqual({
      code: 'common_password',
      field: 'password',
      message: messages.accounts.commonPassword,
    });
    expect((await confirm(account.email, code)).status).toBe(200);
  });

  it('refuses a code after its 30 minutes, and 5 wrong tries kill it', async () => {
    const late = await activeAccount(h);
    const first = await recoveryFor(late.email);
    h.clock.advance(31 * minute);
    expect((await confirm(late.email, first.code)).body).toMatchObject({ code: 'code_expired' });

    const guessed = await activeAccount(h);
    const second = await recoveryFor(guessed.email);
    for (let i = 0; i < 5; i++) await confirm(guessed.email, wrong(second.code));
    expect((await confirm(guessed.email, second.code)).body.code).toBe('code_exhausted');
    expect((await signIn(guessed.email, guessed.password)).status).toBe(201);
  });

  it('sends one recovery mail per cooldown, and a new code replaces the old one', async () => {
    const account = await activeAccount(h);
    const first = await recoveryFor(account.email);
    expect((await requestReset(account.email)).status).toBe(202);
    const mails = () => h.mailsTo(account.email);
    const before = (await mails()).length;
    expect((await requestReset(account.email)).status).toBe(202);
    expect(await mails()).toHaveLength(before);

    h.clock.advance(61_000);
    const second = await recoveryFor(account.email);
    if (second.code !== first.code) {
      expect((await confirm(account.email, first.code)).body.code).toBe('invalid_code');
    }
    expect((await confirm(account.email, second.code)).status).toBe(200);
  });

  it('lifts the throttling of the account once the password is reset', async () => {
    const account = await activeAccount(h);
    for (let i = 0; i < 5; i++) await signIn(account.email, 'adivinando claves', 'kiosco-9');
    expect((await signIn(account.email, account.password, 'kiosco-9')).status).toBe(429);
    const { code } = await recoveryFor(account.email);
    expect((await confirm(account.email, code)).status).toBe(200);
    expect((await signIn(account.email, newPassword, 'kiosco-9')).status).toBe(201);
  });

  it('activates an account that was never activated: the code proves the mailbox', async () => {
    const registration = newRegistration();
    await h.post('/api/v1/accounts', registration);
    h.clock.advance(61_000);
    const { code } = await recoveryFor(registration.email);
    expect((await confirm(registration.email, code)).status).toBe(200);
    expect((await signIn(registration.email, newPassword)).status).toBe(201);
  });

  it('serves a page for the link that says until when the code is valid, and changes nothing', async () => {
    const account = await activeAccount(h);
    const requestedAt = h.clock.now().getTime();
    const { code, linkToken } = await recoveryFor(account.email);
    const page = await h.get(`/recuperar?token=${linkToken}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Tu código sigue vigente');
    // 30 minutes on, on Argentina's clock (UTC−3 all year), 24-hour and with one period.
    const until = new Date(requestedAt + 30 * minute - 3 * 3_600_000).toISOString().slice(11, 16);
    expect(page.text).toContain(`El código vale hasta las ${until}.<`);
    expect((await confirm(account.email, code)).status).toBe(200);
    const used = await h.get(`/recuperar?token=${linkToken}`);
    expect(used.status).toBe(410);
    expect(used.text).toContain('El enlace venció o ya se usó.');
  });
});

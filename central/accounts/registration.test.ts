import { afterAll, beforeAll, expect, it } from 'vitest';
import { messages } from '../messages.js';
import {
  activeAccount,
  bearer,
  newRegistration,
  startAccountsApp,
  validCuit,
  type AccountsApp,
} from '../testing/accounts-app.js';
import { describeEachEngine } from '../testing/engines.js';
import { codeIn, linkTokenIn } from '../testing/smtp-mailbox.js';

describeEachEngine('accounts: register, activate, sign in, sign out', (engine) => {
  let h: AccountsApp;
  beforeAll(async () => {
    h = await startAccountsApp(engine);
  });
  afterAll(() => h.close());

  it('goes from registration through the mailed code to a session, then signs out on the central', async () => {
    const registration = newRegistration({ email: '  Ana.Nunez@Example.COM ' });
    const registered = await h.post('/api/v1/accounts', registration);
    expect(registered.status).toBe(202);
    expect(registered.body).toEqual({ email: 'ana.nunez@example.com' });

    const mail = await h.lastMailTo('ana.nunez@example.com');
    expect(mail.subject).toBe('COPELCO - Activación de Cuenta');
    expect(mail.from).toMatch(/^"?COPELCO"? <no-responder@copelco\.example>$/);
    const code = codeIn(mail);
    expect(code).toMatch(/^\d{6}$/);
    const token = linkTokenIn(mail, '/activar');
    expect(mail.html).toContain(
      `href="https://central.copelco.example/activar?token=${token}">aquí</a>`,
    );
    expect(mail.text).toContain(`https://central.copelco.example/activar?token=${token}`);
    expect(mail.text).toContain('Hola, Ana María:');

    const notYet = await h.post('/api/v1/sessions', {
      email: 'ana.nunez@example.com',
      password: registration.password,
    });
    expect(notYet.status).toBe(403);

    const activated = await h.post('/api/v1/accounts/activation', {
      email: 'ANA.NUNEZ@example.com',
      code: ` ${code.slice(0, 3)} ${code.slice(3)} `,
    });
    expect(activated).toMatchObject({ status: 200, body: { activated: true } });

    const signedIn = await h.post('/api/v1/sessions', {
      email: 'ana.nunez@example.com',
      password: registration.password,
    });
    expect(signedIn.status).toBe(201);
    expect(signedIn.body).toMatchObject({
      account: {
        email: 'ana.nunez@example.com',
        firstName: 'Ana María',
        lastName: 'Núñez',
        documentType: 'DNI',
        documentNumber: registration.documentNumber,
      },
    });

    const me = await h.get('/api/v1/me', bearer(signedIn.body.token));
    expect(me).toMatchObject({ status: 200, body: { email: 'ana.nunez@example.com' } });

    const signedOut = await h.delete('/api/v1/sessions/current', bearer(signedIn.body.token));
    expect(signedOut).toMatchObject({ status: 200, body: { ended: true } });
    const after = await h.get('/api/v1/me', bearer(signedIn.body.token));
    expect(after.status).toBe(401);
    expect(after.body).toEqual({
      code: 'session_expired',
      message: messages.accounts.sessionExpired,
    });
  });

  it('asks for a session with 401 when there is no token or an unknown one', async () => {
    const none = await h.get('/api/v1/me');
    expect(none.status).toBe(401);
    expect(none.body).toEqual({
      code: 'session_required',
      message: messages.accounts.sessionRequired,
    });
    const unknown = await h.get('/api/v1/me', bearer('A'.repeat(43)));
    expect(unknown.body.code).toBe('session_required');
    const malformed = await h.delete('/api/v1/sessions/current', { authorization: 'Basic eDp5' });
    expect(malformed.status).toBe(401);
  });

  it('answers a taken email exactly like a new one, hashes the password all the same, and tells the owner', async () => {
    const owner = await activeAccount(h);
    const fresh = newRegistration();
    const hashesBefore = h.calls.hash;
    const asNew = await h.post('/api/v1/accounts', fresh);
    const hashesForNew = h.calls.hash - hashesBefore;

    const again = newRegistration({ email: owner.email, password: 'otra clave cualquiera' });
    const before = h.calls.hash;
    const asTaken = await h.post('/api/v1/accounts', again);
    expect(h.calls.hash - before).toBe(hashesForNew);
    expect(hashesForNew).toBe(1);

    expect({ status: asTaken.status, keys: Object.keys(asTaken.body) }).toEqual({
      status: asNew.status,
      keys: Object.keys(asNew.body),
    });
    expect(asTaken.body).toEqual({ email: owner.email });

    const mails = await h.mailsTo(owner.email);
    const notice = mails.at(-1)!;
    expect(notice.subject).toBe('COPELCO - Intento de registro con tu correo');
    expect(notice.text).toMatch(/alguien intentó registrarse .* con tu correo/i);
    // No second activation mail and no second account: the owner's account is untouched.
    expect(mails.filter((m) => m.subject === 'COPELCO - Activación de Cuenta')).toHaveLength(1);
    const rows = await h.db
      .selectFrom('accounts')
      .selectAll()
      .where('email', '=', owner.email)
      .execute();
    expect(rows).toHaveLength(1);
    const signIn = await h.post('/api/v1/sessions', {
      email: owner.email,
      password: owner.password,
    });
    expect(signIn.status).toBe(201);
  });

  it('answers a document taken under another email like a new registration, and tells its owner', async () => {
    const owner = await activeAccount(h);
    const other = newRegistration({ documentNumber: owner.documentNumber });
    const before = h.calls.hash;
    const answer = await h.post('/api/v1/accounts', other);
    expect(h.calls.hash - before).toBe(1);
    expect(answer).toMatchObject({ status: 202, body: { email: other.email } });

    const notice = (await h.mailsTo(owner.email)).at(-1)!;
    expect(notice.subject).toBe('COPELCO - Intento de registro con tu documento');
    expect(notice.text).toContain('con tu número de documento y otro correo');
    expect(notice.text).not.toContain(other.email);
    expect(await h.mailsTo(other.email)).toEqual([]);
    const created = await h.db
      .selectFrom('accounts')
      .selectAll()
      .where('email', '=', other.email)
      .execute();
    expect(created).toEqual([]);
  });

  it('sends at most one notice per cooldown, however many times someone retries', async () => {
    const owner = await activeAccount(h);
    for (let i = 0; i < 3; i++) {
      const answer = await h.post('/api/v1/accounts', newRegistration({ email: owner.email }));
      expect(answer.status).toBe(202);
    }
    const notices = (await h.mailsTo(owner.email)).filter((m) => /Intento/.test(m.subject));
    expect(notices).toHaveLength(1);
  });

  it("refuses bad input with the domain rule's Spanish message and the field it belongs to", async () => {
    const cuit = validCuit('12345678');
    const wrongDigit = `${cuit.slice(0, 10)}${(Number(cuit[10]) + 1) % 10}`;
    const badCuit = await h.post(
      '/api/v1/accounts',
      newRegistration({ documentType: 'CUIT', documentNumber: wrongDigit }),
    );
    expect(badCuit.status).toBe(400);
    expect(badCuit.body).toEqual({
      code: 'invalid_field',
      field: 'documentNumber',
      message: 'El CUIT no es válido: revisá los números, el último no coincide.',
    });

    const goodCuit = await h.post(
      '/api/v1/accounts',
      newRegistration({ documentType: 'CUIT', documentNumber: cuit }),
    );
    expect(goodCuit.status).toBe(202);

    const badEmail = await h.post('/api/v1/accounts', newRegistration({ email: 'ana@' }));
    expect(badEmail.body).toEqual({
      code: 'invalid_field',
      field: 'email',
      message: 'Revisá el correo: tiene que ser como nombre@ejemplo.com.',
    });

    const shortPassword = await h.post('/api/v1/accounts', newRegistration({ password: 'corta' }));
    expect(shortPassword.body).toMatchObject({ field: 'password', code: 'invalid_field' });
    expect(shortPassword.body.message).toMatch(/al menos 8 caracteres/);

    // Not a rule of ours (an unknown document type): a generic Spanish message, never zod's.
    const badType = await h.post('/api/v1/accounts', newRegistration({ documentType: 'DNI-X' }));
    expect(badType.body).toEqual({
      code: 'invalid_field',
      field: 'documentType',
      message: messages.badField('documentType'),
    });
    expect(String(badType.body.message)).toContain('tipo de documento');

    const noBody = await h.post('/api/v1/accounts', {});
    expect(noBody.status).toBe(400);
    expect(noBody.body.message).not.toMatch(/expected|invalid input/i);
  });

  it('refuses a password among the 3,000 most common, whatever its case, before creating anything', async () => {
    const registration = newRegistration({ password: 'BaseBall' });
    const before = h.calls.hash;
    const answer = await h.post('/api/v1/accounts', registration);
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({
      code: 'common_password',
      field: 'password',
      message: 'Esa contraseña es muy común y fácil de adivinar. Elegí otra.',
    });
    expect(h.calls.hash).toBe(before);
    expect(await h.mailsTo(registration.email)).toEqual([]);
  });

  it('refuses a common Spanish password, with or without accents and digits at its end', async () => {
    for (const password of ['Contraseña', 'contrasena123', 'Bienvenido2026!', 'bocajuniors']) {
      const registration = newRegistration({ password });
      const answer = await h.post('/api/v1/accounts', registration);
      expect(answer.status, password).toBe(400);
      expect(answer.body).toMatchObject({ code: 'common_password', field: 'password' });
    }
    const phrase = newRegistration({ password: 'contraseña del mate amargo' });
    expect((await h.post('/api/v1/accounts', phrase)).status).toBe(202);
  });
});

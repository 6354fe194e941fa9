import { parseOptions } from '@node-rs/argon2';
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
import { argon2Hasher, currentParameters } from './password-hashing.js';
import { sha256Hex } from './secrets.js';

const minute = 60_000;

describeEachEngine('accounts: sign-in and sessions', (engine) => {
  let h: AccountsApp;
  beforeAll(async () => {
    h = await startAccountsApp(engine);
  });
  afterAll(() => h.close());

  const signIn = (email: string, password: string, kiosk = 'kiosco-1') =>
    h.post('/api/v1/sessions', { email, password }, {}, addressOf(kiosk));

  it('tells an account is not activated only to whoever has its password', async () => {
    const registration = newRegistration();
    await h.post('/api/v1/accounts', registration);
    const wrong = await signIn(registration.email, 'no es la contraseña');
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual({
      code: 'invalid_credentials',
      message: messages.accounts.invalidCredentials,
    });
    const right = await signIn(registration.email, registration.password);
    expect(right.status).toBe(403);
    expect(right.body).toEqual({
      code: 'account_not_activated',
      message: 'Tu cuenta todavía no está activada. Ingresá el código que te mandamos por correo.',
    });
  });

  it('answers an unknown email like a wrong password, after the same argon2 verification', async () => {
    const account = await activeAccount(h);
    const before = h.calls.verify;
    const unknown = await signIn('nadie.nunca@example.com', account.password);
    expect(h.calls.verify - before).toBe(1);
    const wrong = await signIn(account.email, 'otra contraseña larga');
    expect(h.calls.verify - before).toBe(2);
    expect(unknown).toMatchObject({ status: wrong.status, body: wrong.body });
  });

  it('grants a new 256-bit token on each sign-in and stores only its sha-256', async () => {
    const account = await activeAccount(h);
    const first = await signIn(account.email, account.password);
    const second = await signIn(account.email, account.password);
    const tokens = [String(first.body.token), String(second.body.token)];
    expect(tokens[0]).not.toBe(tokens[1]);
    for (const token of tokens) {
      expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(Buffer.from(token, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
      expect(Buffer.from(token, 'base64url').length).toBe(32);
    }
    const rows = await h.db.selectFrom('sessions').selectAll().execute();
    const dump = JSON.stringify(rows);
    for (const token of tokens) {
      expect(dump).not.toContain(token);
      expect(rows.map((row) => row.token_hash)).toContain(sha256Hex(token));
    }
  });

  it('ends a session after its absolute lifetime, however much it is used', async () => {
    const account = await activeAccount(h);
    const session = await signIn(account.email, account.password);
    expect(Date.parse(String(session.body.expiresAt)) - h.clock.now().getTime()).toBe(30 * minute);
    for (let i = 0; i < 5; i++) {
      h.clock.advance(5 * minute);
      expect((await h.get('/api/v1/me', bearer(session.body.token))).status).toBe(200);
    }
    h.clock.advance(4 * minute);
    expect((await h.get('/api/v1/me', bearer(session.body.token))).status).toBe(200);
    h.clock.advance(1 * minute);
    const expired = await h.get('/api/v1/me', bearer(session.body.token));
    expect(expired).toMatchObject({ status: 401, body: { code: 'session_expired' } });
  });

  it('re-hashes a password stored with weaker parameters at the next sign-in', async () => {
    const account = await activeAccount(h);
    const weak = await argon2Hasher({ memoryCost: 8192, timeCost: 1, parallelism: 1 }).hash(
      account.password,
    );
    await h.db
      .updateTable('accounts')
      .set({ password_hash: weak })
      .where('email', '=', account.email)
      .execute();

    expect((await signIn(account.email, account.password)).status).toBe(201);
    const stored = await h.db
      .selectFrom('accounts')
      .select('password_hash')
      .where('email', '=', account.email)
      .executeTakeFirstOrThrow();
    expect(stored.password_hash).not.toBe(weak);
    expect(parseOptions(stored.password_hash)).toMatchObject(currentParameters);

    // Already current: left as it is.
    expect((await signIn(account.email, account.password)).status).toBe(201);
    const again = await h.db
      .selectFrom('accounts')
      .select('password_hash')
      .where('email', '=', account.email)
      .executeTakeFirstOrThrow();
    expect(again.password_hash).toBe(stored.password_hash);
  });
});

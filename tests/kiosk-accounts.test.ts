import { describe, expect, it } from 'vitest';
import { describeEachEngine } from '../central/testing/engines.js';
import { dispatch } from '../src/kiosk/dispatch.js';
import { codeIn } from '../central/testing/smtp-mailbox.js';
import { startKioskStack, useEngineKiosk } from './helpers/kiosk-stack.js';

const ana = {
  email: 'ana.perez@example.com',
  password: 'tortuga-de-rio',
  firstName: 'Ana',
  lastName: 'Pérez',
  documentType: 'DNI',
  documentNumber: '30.123.456',
  birthDate: '1980-05-25',
  phone: '(0343) 456-7890',
};

/**
 * The kiosk core against a real central and a real SMTP server: every account method as the
 * renderer calls it (through the dispatcher, envelopes and all).
 */
describeEachEngine('kiosk accounts through the core', (engine) => {
  const kiosk = useEngineKiosk(engine);
  const { call } = kiosk;

  it('registers, activates with the mailed code, signs in and out', async () => {
    expect(await call('account:register', ana)).toEqual({
      ok: true,
      value: { email: ana.email },
    });
    const mail = await kiosk.mailbox.next(ana.email, /Activación de Cuenta/);

    const early = await call('session:signIn', { email: ana.email, password: ana.password });
    expect(early).toMatchObject({ ok: false, error: { code: 'account_not_activated' } });

    const wrong = codeIn(mail) === '000000' ? '111111' : '000000';
    const refused = await call('account:activate', { email: ana.email, code: wrong });
    expect(refused).toMatchObject({ ok: false, error: { field: 'code' } });

    expect(await call('account:activate', { email: ana.email, code: codeIn(mail) })).toEqual({
      ok: true,
      value: { activated: true },
    });
    expect(await call('session:signIn', { email: ana.email, password: ana.password })).toEqual({
      ok: true,
      value: { firstName: 'Ana', lastName: 'Pérez', email: ana.email },
    });
    expect(await call('session:current')).toMatchObject({ ok: true, value: { firstName: 'Ana' } });
    expect(await call('session:signOut')).toEqual({ ok: true, value: { ended: true } });
    expect(await call('session:current')).toEqual({ ok: true, value: null });
  });

  it('after 5 wrong codes tells the right one that it no longer works, and to ask for another', async () => {
    const bea = { ...ana, email: 'bea.perez@example.com', documentNumber: '30.123.457' };
    expect(await call('account:register', bea)).toMatchObject({ ok: true });
    const code = codeIn(await kiosk.mailbox.next(bea.email, /Activación de Cuenta/));
    const wrong = code === '000000' ? '111111' : '000000';
    for (let attempt = 0; attempt < 5; attempt++) {
      const refused = await call('account:activate', { email: bea.email, code: wrong });
      expect(refused).toMatchObject({ ok: false, error: { code: 'invalid_code' } });
    }
    const dead = await call('account:activate', { email: bea.email, code });
    expect(dead).toMatchObject({
      ok: false,
      error: {
        code: 'code_exhausted',
        field: 'code',
        message: expect.stringMatching(/^Este código ya no sirve.*«Reenviar»/) as string,
      },
    });
  });

  it('shows the central refusal of a wrong password without saying which part was wrong', async () => {
    const wrong = await call('session:signIn', { email: ana.email, password: 'otra-cosa-123' });
    const unknown = await call('session:signIn', {
      email: 'nadie@example.com',
      password: 'otra-cosa-123',
    });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'invalid_credentials' } });
    expect(unknown).toEqual(wrong);
  });

  it('recovers the password with the mailed code and signs in with the new one', async () => {
    expect(await call('password:requestReset', { email: ana.email })).toEqual({
      ok: true,
      value: { email: ana.email },
    });
    const mail = await kiosk.mailbox.next(ana.email, /contraseña/i);
    const changed = await call('password:reset', {
      email: ana.email,
      code: codeIn(mail),
      password: 'carpincho-feliz',
    });
    expect(changed).toEqual({ ok: true, value: { changed: true } });
    const old = await call('session:signIn', { email: ana.email, password: ana.password });
    expect(old).toMatchObject({ ok: false, error: { code: 'invalid_credentials' } });
    const signed = await call('session:signIn', {
      email: ana.email,
      password: 'carpincho-feliz',
    });
    expect(signed).toMatchObject({ ok: true, value: { firstName: 'Ana' } });
    await call('session:signOut');
  });

  it('tells the customer plainly when the central cannot be reached', async () => {
    await kiosk.stack.stopCentral();
    const result = await call('session:signIn', { email: ana.email, password: ana.password });
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'central_unreachable',
        message: expect.stringContaining('cooperativa') as string,
      },
    });
  });
});

describe('kiosk input refusals', () => {
  it('are answered before the central is asked', async () => {
    const stack = await startKioskStack();
    try {
      const result = await dispatch(stack.core.handlers, 'account:register', {
        ...ana,
        password: 'corta',
      });
      expect(result).toMatchObject({
        ok: false,
        error: { code: 'invalid_field', field: 'password' },
      });
    } finally {
      await stack.close();
    }
  });
});

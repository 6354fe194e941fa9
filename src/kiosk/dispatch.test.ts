import { describe, expect, it } from 'vitest';
import { kioskApi, kioskMethods } from '../contract/index.js';
import { testHandlers } from '../testing/test-handlers.js';
import { dispatch } from './dispatch.js';

describe('dispatch', () => {
  it('lists exactly the methods of the kiosk API map', () => {
    expect([...kioskMethods].sort()).toEqual(Object.keys(kioskApi).sort());
  });

  it('answers a good call with the handler value, checked against the contract', async () => {
    const result = await dispatch(testHandlers(), 'app:info', undefined);
    expect(result).toEqual({ ok: true, value: { version: '1.2.3', host: 'web', branding: null } });
  });

  it('refuses a method that is not in the map, including inherited names', async () => {
    for (const name of ['nope:nope', 'toString', '__proto__', 42, null]) {
      const result = await dispatch(testHandlers(), name, undefined);
      expect(result).toMatchObject({ ok: false, error: { code: 'unknown_method' } });
    }
  });

  it('refuses a payload that does not match the input schema', async () => {
    const result = await dispatch(testHandlers(), 'catalog:get', { evil: true });
    expect(result).toMatchObject({ ok: false, error: { code: 'bad_input' } });
  });

  it('refuses a domain rule with its Spanish message and the field, before any handler runs', async () => {
    let called = false;
    const handlers = testHandlers({
      'account:register': () => {
        called = true;
        return Promise.resolve({ email: '' });
      },
    });
    const result = await dispatch(handlers, 'account:register', {
      email: 'ana@example.com',
      password: 'tortuga-de-rio',
      firstName: 'Ana',
      lastName: 'Pérez',
      documentType: 'CUIT',
      documentNumber: '20-12345678-5',
      birthDate: '1980-05-25',
      phone: '03434567890',
    });
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_field',
        field: 'documentNumber',
        message: expect.stringMatching(/CUIT/) as string,
      },
    });
    expect(called).toBe(false);
  });

  it('passes a KioskError through with its code and Spanish message', async () => {
    const result = await dispatch(testHandlers(), 'sync:now', undefined);
    expect(result).toEqual({
      ok: false,
      error: { code: 'central_down', message: 'La central no responde.' },
    });
  });

  it('turns any other failure into a generic message and logs the real one', async () => {
    const logged: unknown[] = [];
    const handlers = testHandlers({
      'sync:status': () => Promise.reject(new Error('secret path /x')),
    });
    const result = await dispatch(handlers, 'sync:status', undefined, (e) => logged.push(e.error));
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(JSON.stringify(result)).not.toContain('secret');
    expect(logged).toHaveLength(1);
  });

  it('refuses a handler output that breaks the contract', async () => {
    const handlers = testHandlers({
      'app:info': () => Promise.resolve({ version: 1 } as never),
    });
    const result = await dispatch(handlers, 'app:info', undefined, () => {});
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
  });
});

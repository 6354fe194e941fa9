import { afterAll, beforeAll, expect, it } from 'vitest';
import { newRegistration, startAccountsApp, type AccountsApp } from '../testing/accounts-app.js';
import { describeEachEngine } from '../testing/engines.js';

const registrationsPerHour = 10;

describeEachEngine('registrations per address', (engine) => {
  let h: AccountsApp;
  beforeAll(async () => {
    h = await startAccountsApp(engine, { throttle: { registrationsPerHour } });
  });
  afterAll(() => h.close());

  it('refuses, in Spanish, registrations from one address past the hourly limit; others go on', async () => {
    const statuses: number[] = [];
    let last: Awaited<ReturnType<AccountsApp['post']>> | undefined;
    for (let i = 0; i < registrationsPerHour + 2; i++) {
      // A new kiosk id each time buys nothing: only the address counts without a credential.
      last = await h.post(
        '/api/v1/accounts',
        newRegistration(),
        { 'x-kiosk-id': `k${i}` },
        '10.0.0.7',
      );
      statuses.push(last.status);
    }
    expect(statuses).toEqual([...Array<number>(registrationsPerHour).fill(202), 429, 429]);
    expect(last?.body.code).toBe('too_many_registrations');
    expect(String(last?.body.message)).toMatch(/demasiadas cuentas.*Esperá \d+ minutos/);
    expect(Number(last?.headers['retry-after'])).toBeGreaterThan(0);

    expect((await h.post('/api/v1/accounts', newRegistration(), {}, '10.0.0.8')).status).toBe(202);
    h.clock.advance(3_600_000);
    expect((await h.post('/api/v1/accounts', newRegistration(), {}, '10.0.0.7')).status).toBe(202);
  });
});

import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../testing/engines.js';
import { startLiveCentral, type LiveCentral } from '../testing/live-central.js';

/**
 * An assisted session, over HTTP against the real central: its token works only with the
 * credential of the kiosk where staff opened it; copied to another kiosk, or used with no
 * credential at all, it is an unknown session.
 */
describeEachEngine('assisted mode: the token stays at its kiosk', (engine) => {
  let c: LiveCentral;
  beforeAll(async () => {
    c = await startLiveCentral(engine);
  });
  afterAll(() => c?.close());

  it('answers the opening kiosk only', async () => {
    const it = await c.staffHeaders((await c.addStaff(['sistemas'])).email);
    const counterKiosk = await c.enrolKiosk(it);
    const otherKiosk = await c.enrolKiosk(it, 'Sucursal Norte');
    const counter = await c.addStaff(['mostrador']);
    const panel = await c.call('POST', '/api/v1/staff/kiosk-sessions', {
      headers: counterKiosk.headers,
      body: { badgeOrEmail: counter.email, pin: counter.pin },
    });
    expect(panel.status).toBe(201);
    const customer = await c.addCustomer();
    const { document_number: documentNumber } = await c.db
      .selectFrom('accounts')
      .select('document_number')
      .where('id', '=', customer.id)
      .executeTakeFirstOrThrow();
    const opened = await c.call('POST', '/api/v1/staff/kiosk-assisted-sessions', {
      headers: { ...counterKiosk.headers, authorization: `Bearer ${String(panel.body.token)}` },
      body: {
        documentType: 'DNI',
        documentNumber,
        documentSeen: true,
        reason: 'No recuerda la contraseña',
      },
    });
    expect(opened.status).toBe(201);
    const assisted = { authorization: `Bearer ${String(opened.body.token)}` };

    const here = await c.call('GET', '/api/v1/me', {
      headers: { ...counterKiosk.headers, ...assisted },
    });
    expect(here.status).toBe(200);
    for (const headers of [{ ...otherKiosk.headers, ...assisted }, assisted]) {
      const elsewhere = await c.call('GET', '/api/v1/me', { headers });
      expect(elsewhere.status).toBe(401);
      expect(elsewhere.body.code).toBe('session_required');
      expect(String(elsewhere.body.message)).toMatch(/sesión/i);
    }
    // The customer's own sign-in, from anywhere, is not bound the same way.
    const own = await c.call('POST', '/api/v1/sessions', {
      headers: otherKiosk.headers,
      body: { email: customer.email, password: customer.password },
    });
    expect(own.status).toBe(201);
    expect(
      (
        await c.call('GET', '/api/v1/me', {
          headers: { authorization: `Bearer ${String(own.body.token)}` },
        })
      ).status,
    ).toBe(200);
  });
});

import { randomUUID } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../testing/engines.js';
import { staffPassword, startFleetApp, type FleetApp } from './test-app.js';

const form = { 'content-type': 'application/x-www-form-urlencoded' };

describeEachEngine('the fleet page', (engine) => {
  let h: FleetApp;
  beforeAll(async () => {
    h = await startFleetApp(engine);
  });

  const post = (url: string, body: string, headers: Record<string, string> = {}) =>
    h.app.inject({ method: 'POST', url, payload: body, headers: { ...form, ...headers } });

  it('sends strangers to the sign-in form, and signs staff in with an HttpOnly SameSite cookie', async () => {
    const it_ = await h.staff();
    const away = await h.app.inject({ method: 'GET', url: '/flota' });
    expect(away.statusCode).toBe(303);
    expect(away.headers.location).toBe('/flota/ingresar');
    const login = await h.app.inject({ method: 'GET', url: '/flota/ingresar' });
    expect(login.headers['content-security-policy']).toContain("default-src 'none'");
    expect(login.body).toContain('<form method="post" action="/flota/ingresar">');

    const wrong = await post(
      '/flota/ingresar',
      `email=${encodeURIComponent(it_.email)}&password=otra`,
    );
    expect(wrong.statusCode).toBe(401);
    expect(wrong.body).toContain('El correo o la contraseña no son correctos.');
    expect(wrong.headers['set-cookie']).toBeUndefined();

    const body = new URLSearchParams({ email: it_.email, password: staffPassword }).toString();
    const foreign = await post('/flota/ingresar', body, { origin: 'https://otro.example' });
    expect(foreign.statusCode).toBe(403);

    const signedIn = await post('/flota/ingresar', body, { origin: 'http://localhost:80' });
    expect(signedIn.statusCode).toBe(303);
    expect(signedIn.headers.location).toBe('/flota');
    const cookie = String(signedIn.headers['set-cookie']);
    expect(cookie).toMatch(
      /^ventanilla_flota=[A-Za-z0-9_-]{43}; Path=\/flota; HttpOnly; SameSite=Strict; Max-Age=28800$/,
    );

    const page = await h.app.inject({
      method: 'GET',
      url: '/flota',
      headers: { cookie: cookie.split(';')[0]! },
    });
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.body).toContain('Flota de kioscos');
    expect(page.body).toContain('Sesión de Marta Ríos');

    const out = await post('/flota/salir', '', { cookie: cookie.split(';')[0]! });
    expect(out.statusCode).toBe(303);
    expect(String(out.headers['set-cookie'])).toContain('Max-Age=0');
    const after = await h.app.inject({
      method: 'GET',
      url: '/flota',
      headers: { cookie: cookie.split(';')[0]! },
    });
    expect(after.statusCode).toBe(303);
  });

  it('tells whether the central has mails waiting to be sent, and why', async () => {
    const it_ = await h.staff();
    const body = new URLSearchParams({ email: it_.email, password: staffPassword }).toString();
    const signedIn = await post('/flota/ingresar', body);
    const cookie = String(signedIn.headers['set-cookie']).split(';')[0]!;
    const page = () => h.app.inject({ method: 'GET', url: '/flota', headers: { cookie } });
    expect((await page()).body).toContain('✔ No hay correos esperando envío.');

    // A mail the SMTP server did not take, waiting for its next try.
    const later = new Date(Date.now() + 3_600_000).toISOString();
    await h.db
      .insertInto('mail_outbox')
      .values({
        id: randomUUID(),
        to_address: 'ana@example.com',
        subject: 'COPELCO - Activación de Cuenta',
        text_body: 'Hola',
        html_body: '<p>Hola</p>',
        state: 'waiting',
        attempts: 3,
        created_at: '2026-03-02T12:00:00.000Z',
        next_attempt_at: later,
        claimed_until: null,
        claim_token: null,
        sent_at: null,
        last_error: 'Connection refused',
      })
      .execute();
    const waiting = (await page()).body;
    expect(waiting).toContain('⚠ 1 correo esperando envío; se reintenta solo.');
    expect(waiting).toContain('El más antiguo espera desde las 09:00');
    expect(waiting).toContain('Último error del servidor de correo: Connection refused');
    await h.db.deleteFrom('mail_outbox').execute();
  });

  it('does not open for a PIN session of a kiosk', async () => {
    const it_ = await h.staff();
    const kiosk = await h.kiosk(it_.headers);
    const pin = await h.atKiosk(kiosk.headers, it_.email);
    const token = pin.authorization.replace('Bearer ', '');
    const page = await h.app.inject({
      method: 'GET',
      url: '/flota',
      headers: { cookie: `ventanilla_flota=${token}` },
    });
    expect(page.statusCode).toBe(303);
  });
});

import { afterAll, beforeAll, expect, it } from 'vitest';
import { newRegistration } from '../testing/accounts-app.js';
import { describeEachEngine } from '../testing/engines.js';
import { startLiveCentral, type LiveCentral } from '../testing/live-central.js';
import { linkTokenIn } from '../testing/smtp-mailbox.js';

/**
 * The activation link over HTTP against the real central: opening it (a GET or HEAD, which mail
 * scanners do to every link) activates nothing; the page's one button posts, from this site only.
 */
describeEachEngine('accounts: the activation link asks for one tap', (engine) => {
  let c: LiveCentral;
  beforeAll(async () => {
    c = await startLiveCentral(engine);
  });
  afterAll(() => c?.close());

  async function registered() {
    const registration = newRegistration();
    const answer = await c.call('POST', '/api/v1/accounts', { body: registration });
    expect(answer.status).toBe(202);
    const mail = await c.mailbox.next(registration.email, /Activ/);
    return { ...registration, token: linkTokenIn(mail, '/activar') };
  }
  const signIn = (email: string, password: string) =>
    c.call('POST', '/api/v1/sessions', { body: { email, password } });
  const tap = (token: string, headers: Record<string, string> = {}) =>
    c.call('POST', '/activar', {
      body: new URLSearchParams({ token }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    });

  it('activates nothing on GET or HEAD; the button posts and activates', async () => {
    const account = await registered();
    const scanned = await c.call('HEAD', `/activar?token=${account.token}`);
    expect(scanned.status).toBe(200);
    const opened = await c.call('GET', `/activar?token=${account.token}`);
    expect(opened.status).toBe(200);
    expect(opened.text).toContain('<form method="post" action="/activar">');
    expect(opened.text).toContain('<button type="submit">Activar mi cuenta</button>');
    expect((await signIn(account.email, account.password)).status).toBe(403);

    const tapped = await tap(account.token, {
      origin: new URL(c.url).origin,
      'sec-fetch-site': 'same-origin',
    });
    expect(tapped.status).toBe(200);
    expect(tapped.text).toContain('<h1>Cuenta activada</h1>');
    expect((await signIn(account.email, account.password)).status).toBe(201);

    // Tapped twice, or the link opened again later: it says so, and changes nothing.
    expect((await tap(account.token)).text).toContain('ya estaba activada');
    expect((await c.call('GET', `/activar?token=${account.token}`)).text).toContain(
      'ya estaba activada',
    );
  });

  it("refuses another site's post with a Spanish page, and the account stays inactive", async () => {
    const account = await registered();
    const foreign: Record<string, string>[] = [
      { origin: 'https://atacante.example', 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
      { origin: 'https://atacante.example' },
      { origin: 'null' },
    ];
    for (const headers of foreign) {
      const refused = await tap(account.token, headers);
      expect(refused.status).toBe(403);
      expect(refused.text).toContain('El pedido no vino de esta página.');
    }
    expect((await signIn(account.email, account.password)).status).toBe(403);
    // The real tap still works afterwards.
    expect((await tap(account.token, { 'sec-fetch-site': 'same-origin' })).status).toBe(200);
  });

  it('answers a made-up, missing or dead token with the same page, on open and on tap', async () => {
    for (const token of ['x'.repeat(43), 'corto']) {
      const opened = await c.call('GET', `/activar?token=${token}`);
      expect(opened.status).toBe(410);
      expect(opened.text).not.toContain('Activar mi cuenta');
      expect((await tap(token)).status).toBe(410);
    }
    expect((await c.call('GET', '/activar')).status).toBe(410);
    const empty = await c.call('POST', '/activar', {
      body: '',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(empty.status).toBe(410);
  });
});

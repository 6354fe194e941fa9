import { beforeAll, expect, it } from 'vitest';
import {
  BackofficeSession,
  RequestDetail,
  StaffRequestDetail,
  StaffRequestPage,
  backofficeCsrfHeader,
} from '../../src/contract/index.js';
import {
  idempotency,
  staffPassword,
  startRequestsApp,
  type RequestsApp,
} from '../requests/test-app.js';
import { internetRequest, pilarRequest } from '../requests/test-submissions.js';
import { describeEachEngine } from '../testing/engines.js';

const office = { [backofficeCsrfHeader]: '1' };

describeEachEngine('the back office’s session and staff API under /oficina', (engine) => {
  let h: RequestsApp;
  beforeAll(async () => {
    h = await startRequestsApp(engine, { staffSessionLifetimeMs: 8 * 3_600_000 });
  });

  /** A staff member (added as the CLI does). */
  async function member() {
    return (await h.staff()).email;
  }

  /** A customer's "Solicitud de Servicio Internet", filed. */
  async function fileInternetRequest() {
    const ana = await h.customer();
    const sent = await h.post('/api/v1/requests', await internetRequest(h, ana.headers), {
      ...(await h.delivering(ana.headers)),
      ...idempotency(),
    });
    return { ana, sent: RequestDetail.parse(sent.body) };
  }

  /** Signs in through the back office and answers the cookie to send back. */
  async function signIn(email: string) {
    const reply = await h.call('POST', '/oficina/api/sesion', office, {
      email,
      password: staffPassword,
    });
    expect(reply.status).toBe(201);
    const setCookie = String(reply.headers['set-cookie']);
    return { reply, setCookie, cookie: setCookie.split(';')[0]! };
  }

  it('keeps the session in an HttpOnly, SameSite=Strict cookie of /oficina, never in the body', async () => {
    const email = await member();
    const { reply, setCookie, cookie } = await signIn(email);
    expect(setCookie).toMatch(/^ventanilla_oficina=[A-Za-z0-9_-]{22,}; /);
    expect(setCookie).toContain('Path=/oficina');
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    expect(setCookie).toMatch(/Max-Age=28800/);
    const session = BackofficeSession.parse(reply.body);
    expect(session.staff.email).toBe(email);
    expect(JSON.stringify(reply.body)).not.toContain(cookie.split('=')[1]);

    const current = await h.get('/oficina/api/sesion', { ...office, cookie });
    expect(BackofficeSession.parse(current.body).expiresAt).toBe(session.expiresAt);
    const list = await h.get('/oficina/api/v1/staff/requests', { ...office, cookie });
    expect(list.status).toBe(200);
    // The cookie is the back office's: the bearer API does not take it, and it takes no bearer.
    expect((await h.get('/api/v1/staff/requests', { cookie })).status).toBe(401);
    const bearer = await h.staff();
    expect(
      (await h.get('/oficina/api/v1/staff/requests', { ...office, ...bearer.headers })).status,
    ).toBe(401);
  });

  it('refuses the cookie without the back office’s header or from another origin, and changes nothing', async () => {
    const email = await member();
    const { cookie } = await signIn(email);
    const { ana, sent } = await fileInternetRequest();
    const take = { to: 'en-revision', message: 'Lo reviso.' };
    const path = `/oficina/api/v1/staff/requests/${sent.id}/transitions`;
    for (const headers of [
      { cookie },
      { cookie, ...office, origin: 'https://evil.example' },
      { cookie, ...office, origin: 'null' },
    ]) {
      const refused = await h.call('POST', path, headers, take);
      expect(refused.status).toBe(403);
      expect(refused.body).toMatchObject({ code: 'foreign_origin' });
      expect(String(refused.body.message)).toContain('oficina');
    }
    const formLogin = await h.call(
      'POST',
      '/oficina/api/sesion',
      { origin: 'https://evil.example', ...office },
      { email, password: staffPassword },
    );
    expect(formLogin.status).toBe(403);
    const mine = RequestDetail.parse(
      (await h.get(`/api/v1/me/requests/${sent.id}`, ana.headers)).body,
    );
    expect(mine.state).toBe('enviado');

    const allowed = await h.call(
      'POST',
      path,
      { cookie, ...office, origin: 'http://localhost:80' },
      take,
    );
    expect(allowed.status).toBe(200);
  });

  it('checks the roles each entry declares, as the staff API does', async () => {
    const { email } = await h.staff(`mostrador.${crypto.randomUUID()}@copelco.example`, [
      'mostrador',
    ]);
    const { reply, cookie } = await signIn(email);
    expect(BackofficeSession.parse(reply.body).staff.roles).toEqual(['mostrador']);
    const refused = await h.get('/oficina/api/v1/staff/requests', { ...office, cookie });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('forbidden_role');
    expect(String(refused.body.message)).toContain('Revisión de trámites');
  });

  it('answers a wrong password, a bad form and a signed-out cookie in Spanish', async () => {
    const email = await member();
    const wrong = await h.call('POST', '/oficina/api/sesion', office, {
      email,
      password: 'no es esta',
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body.message).toBe('El correo o la contraseña no son correctos.');
    expect(wrong.headers['set-cookie']).toBeUndefined();
    const bad = await h.call('POST', '/oficina/api/sesion', office, { email: 'sin arroba' });
    expect(bad.status).toBe(400);
    expect(String(bad.body.message)).toMatch(/[áéíóúñ]|correo|campo/i);

    const { cookie } = await signIn(email);
    const out = await h.call('DELETE', '/oficina/api/sesion', { ...office, cookie });
    expect(out.status).toBe(200);
    expect(String(out.headers['set-cookie'])).toMatch(/^ventanilla_oficina=; .*Max-Age=0/);
    const after = await h.get('/oficina/api/v1/staff/requests', { ...office, cookie });
    expect(after.status).toBe(401);
    expect(after.body.message).toBe('Tu sesión de personal terminó. Iniciá sesión de nuevo.');
    expect((await h.get('/oficina/api/no-existe', office)).status).toBe(404);
  });

  it('lists "Bandeja" with counts by state, filters by type, branch, date and search', async () => {
    const ana = await h.customer(['100234'], 'kiosco-norte');
    await h.db
      .updateTable('accounts')
      .set({ first_name: 'Ana Sofía', last_name: 'Quiroga' })
      .where('id', '=', ana.id)
      .execute();
    const filed: RequestDetail[] = [];
    for (const body of [
      await internetRequest(h, ana.headers),
      await pilarRequest(h, ana.headers, '100234'),
    ]) {
      const sent = await h.post('/api/v1/requests', body, {
        ...(await h.delivering(ana.headers)),
        ...idempotency(),
      });
      filed.push(RequestDetail.parse(sent.body));
      h.clock.advance(24 * 3_600_000);
    }
    const [internet, pilar] = filed as [RequestDetail, RequestDetail];
    const { cookie } = await signIn(await member());
    const headers = { ...office, cookie };
    // The kiosk is enrolled in that branch (after filing: an enrolled kiosk needs its credential).
    await h.db
      .insertInto('kiosks')
      .values({
        id: 'kiosco-norte',
        branch: 'Sucursal Norte',
        credential_hash: crypto.randomUUID(),
        enrolled_at: h.clock.now().toISOString(),
        revoked_at: null,
        revoked_by: null,
        revoke_reason: null,
        last_seen_at: null,
        last_heartbeat: null,
      })
      .execute();
    await h.post(
      `/oficina/api/v1/staff/requests/${pilar.id}/transitions`,
      { to: 'en-revision', message: 'Lo reviso.' },
      headers,
    );
    const page = async (query: string) => {
      const reply = await h.get(`/oficina/api/v1/staff/requests?${query}`, headers);
      expect(reply.status).toBe(200);
      return StaffRequestPage.parse(reply.body);
    };

    const byName = await page('q=quiroga');
    expect(byName.requests.map((r) => r.id)).toEqual([internet.id, pilar.id]);
    expect(byName.counts).toMatchObject({ enviado: 1, 'en-revision': 1, observado: 0 });
    expect(byName.total).toBe(2);
    expect(byName.requests[0]).toMatchObject({ branch: 'Sucursal Norte' });
    expect((await page('q=sofía quir')).total).toBe(2);

    const enviado = await page('q=quiroga&state=enviado');
    expect(enviado.requests.map((r) => r.id)).toEqual([internet.id]);
    expect(enviado.total).toBe(1);
    expect(enviado.counts['en-revision']).toBe(1);

    expect((await page(`q=${pilar.number}`)).requests.map((r) => r.id)).toEqual([pilar.id]);
    const digits = pilar.number.split('-')[2]!.replace(/^0+/, '');
    expect((await page(`q=${digits}`)).requests.map((r) => r.id)).toContain(pilar.id);
    const { document_number: document } = await h.db
      .selectFrom('accounts')
      .select('document_number')
      .where('id', '=', ana.id)
      .executeTakeFirstOrThrow();
    const dotted = document.replace(/(\d+)(\d{3})(\d{3})$/, '$1.$2.$3');
    expect((await page(`q=${encodeURIComponent(dotted)}`)).total).toBe(2);

    expect((await page('q=quiroga&type=revision-pilar')).requests.map((r) => r.id)).toEqual([
      pilar.id,
    ]);
    expect((await page('branch=Sucursal%20Norte')).total).toBeGreaterThanOrEqual(2);
    expect((await page('q=quiroga&branch=Sucursal%20Sur')).total).toBe(0);

    const day = (iso: string) =>
      new Date(Date.parse(iso) - 3 * 3_600_000).toISOString().slice(0, 10);
    const onlyFirstDay = await page(
      `q=quiroga&from=${day(internet.createdAt)}&to=${day(internet.createdAt)}`,
    );
    expect(onlyFirstDay.requests.map((r) => r.id)).toEqual([internet.id]);
    expect(
      (await page(`q=quiroga&from=${day(pilar.createdAt)}`)).requests.map((r) => r.id),
    ).toEqual([pilar.id]);

    // Percent signs are text, not wildcards; a bad date is refused in Spanish.
    expect((await page('q=%25')).total).toBe(0);
    const badDate = await h.get('/oficina/api/v1/staff/requests?from=31/12/2026', headers);
    expect(badDate.status).toBe(400);
    expect(badDate.body.code).toBe('bad_request');
  });

  it('gives the second of two reviewers a clear conflict, and records one move', async () => {
    const first = await signIn(await member());
    const second = await signIn(await member());
    const { sent } = await fileInternetRequest();
    const path = `/oficina/api/v1/staff/requests/${sent.id}/transitions`;
    const take = { to: 'en-revision', message: 'Lo reviso.', from: 'enviado' };
    const answers = await Promise.all([
      h.post(path, take, { ...office, cookie: first.cookie }),
      h.post(path, take, { ...office, cookie: second.cookie }),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
    const conflict = answers.find((a) => a.status === 409)!;
    expect(['request_moved', 'concurrent_change']).toContain(conflict.body.code);
    expect(String(conflict.body.message)).toMatch(/Otr[ao]/);

    // Later, the one who did not see it taken tries to approve from what they saw.
    const stale = await h.post(
      path,
      { to: 'observado', message: 'Falta el DNI.', stepId: 'dni', from: 'enviado' },
      { ...office, cookie: second.cookie },
    );
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({
      code: 'request_moved',
      message:
        'Otra persona ya movió este trámite: ahora está «En revisión». Revisá su historial antes de seguir.',
    });
    const winner = answers.find((a) => a.status === 200)!;
    const detail = StaffRequestDetail.parse(
      (
        await h.get(`/oficina/api/v1/staff/requests/${sent.id}`, {
          ...office,
          cookie: first.cookie,
        })
      ).body,
    );
    expect(detail.history.map((change) => change.state)).toEqual(['enviado', 'en-revision']);
    expect(detail.assignee?.email).toBe(
      StaffRequestDetail.parse(winner.body).history[1]!.staffEmail,
    );
  });
});

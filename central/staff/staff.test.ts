import { beforeAll, expect, it } from 'vitest';
import { RequestDetail, StaffRequestDetail, StaffRequestPage } from '../../src/contract/index.js';
import {
  idempotency,
  makePdf,
  sha256Hex,
  staffPassword,
  startRequestsApp,
  type RequestsApp,
} from '../requests/test-app.js';
import { internetRequest } from '../requests/test-submissions.js';
import { describeEachEngine } from '../testing/engines.js';

describeEachEngine('the staff API', (engine) => {
  let h: RequestsApp;
  beforeAll(async () => {
    h = await startRequestsApp(engine, { staffSessionLifetimeMs: 8 * 3_600_000 });
  });

  const auditOf = (staffEmail: string) =>
    h.db
      .selectFrom('staff_audit')
      .innerJoin('staff_members', 'staff_members.id', 'staff_audit.staff_id')
      .select(['action', 'kiosk_id', 'account_id', 'request_id', 'detail'])
      .where('staff_members.email', '=', staffEmail)
      .orderBy('at')
      .execute();

  it('needs a staff session: no token, a customer’s or a delivery token get 401', async () => {
    const ana = await h.customer();
    const delivery = await h.post('/api/v1/delivery-tokens', { purpose: 'request' }, ana.headers);
    const routes = [
      ['GET', '/api/v1/staff/requests'],
      ['GET', '/api/v1/staff/requests/6f1c7d1e-8a53-4a4e-9d7e-0c8f6c1b2a3d'],
      ['DELETE', '/api/v1/staff/sessions/current'],
    ] as const;
    const everyone: Record<string, string>[] = [
      {},
      ana.headers,
      { authorization: `Delivery ${String(delivery.body.token)}` },
      { authorization: `Bearer ${String(delivery.body.token)}` },
    ];
    for (const headers of everyone) {
      for (const [method, url] of routes) {
        const refused = await h.call(method, url, headers);
        expect(refused.status).toBe(401);
        expect(String(refused.body.code)).toMatch(/^staff_session_/);
      }
    }
  });

  it('signs in with argon2id, throttled like customers, with one answer for any wrong pair', async () => {
    const { email } = await h.staff();
    const member = await h.db
      .selectFrom('staff_members')
      .select(['password_hash'])
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    expect(member.password_hash).toMatch(/^\$argon2id\$/);

    const wrong = await h.post('/api/v1/staff/sessions', {
      email,
      password: 'otra clave cualquiera',
    });
    const unknown = await h.post('/api/v1/staff/sessions', {
      email: 'nadie@copelco.example',
      password: 'otra clave cualquiera',
    });
    expect(wrong.status).toBe(401);
    expect(unknown.body).toEqual(wrong.body);
    for (let attempt = 2; attempt <= 5; attempt++) {
      await h.post('/api/v1/staff/sessions', { email, password: 'otra clave cualquiera' });
    }
    const blocked = await h.post('/api/v1/staff/sessions', { email, password: staffPassword });
    expect(blocked.status).toBe(429);
    expect(blocked.headers['retry-after']).toBe('30');
    // From another address the right password still gets its try.
    const elsewhere = await h.call(
      'POST',
      '/api/v1/staff/sessions',
      {},
      { email, password: staffPassword },
      '10.0.0.2',
    );
    expect(elsewhere.status).toBe(201);
    expect(elsewhere.body.staff).toEqual({ email, name: 'Laura Díaz', roles: ['revisor'] });
  });

  it('lists requests by state in pages, shows one with its files, and downloads them; all audited', async () => {
    const staff = await h.staff();
    const ana = await h.customer();
    const sent: RequestDetail[] = [];
    for (let i = 0; i < 3; i++) {
      const answer = await h.post('/api/v1/requests', await internetRequest(h, ana.headers), {
        ...(await h.delivering(ana.headers)),
        ...idempotency(),
      });
      sent.push(RequestDetail.parse(answer.body));
      h.clock.advance(1_000);
    }
    await h.post(
      `/api/v1/staff/requests/${sent[2]!.id}/transitions`,
      { to: 'en-revision', message: 'Revisando.' },
      staff.headers,
    );

    const first = StaffRequestPage.parse(
      (await h.get('/api/v1/staff/requests?state=enviado&page=1&pageSize=1', staff.headers)).body,
    );
    const all = StaffRequestPage.parse(
      (await h.get('/api/v1/staff/requests?state=enviado&pageSize=100', staff.headers)).body,
    );
    expect(first.requests).toHaveLength(1);
    expect(first.total).toBe(all.total);
    expect(all.requests.every((request) => request.state === 'enviado')).toBe(true);
    const ids = all.requests.map((request) => request.id);
    expect(ids).toContain(sent[0]!.id);
    expect(ids).not.toContain(sent[2]!.id);
    // Oldest first.
    expect(ids.indexOf(sent[0]!.id)).toBeLessThan(ids.indexOf(sent[1]!.id));
    const second = StaffRequestPage.parse(
      (await h.get('/api/v1/staff/requests?state=enviado&page=2&pageSize=1', staff.headers)).body,
    );
    expect(second.requests[0]?.id).toBe(ids[1]);

    const one = await h.get(`/api/v1/staff/requests/${sent[0]!.id}`, staff.headers);
    const detail = StaffRequestDetail.parse(one.body);
    expect(detail.customer.email).toBe(ana.email);
    expect(detail.attachments.map((a) => a.requirementId)).toEqual(['dni', 'request-form']);

    const { sha256 } = detail.attachments[0]!;
    const file = await h.get(
      `/api/v1/staff/requests/${sent[0]!.id}/attachments/${sha256}`,
      staff.headers,
    );
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(sha256Hex(file.raw)).toBe(sha256);
    // Only a file of that request.
    const other = sha256Hex(await makePdf(1));
    expect(
      (await h.get(`/api/v1/staff/requests/${sent[0]!.id}/attachments/${other}`, staff.headers))
        .status,
    ).toBe(404);

    // Same clock reading for several: compared as a set, each found by its action.
    const log = await auditOf(staff.email);
    expect(log.map((entry) => entry.action).sort()).toEqual(
      [
        'sign-in',
        'move-request',
        'list-requests',
        'list-requests',
        'list-requests',
        'view-request',
        'download-attachment',
      ].sort(),
    );
    expect(log.every((entry) => entry.kiosk_id === 'mostrador-1')).toBe(true);
    const entry = (action: string) => log.find((candidate) => candidate.action === action);
    expect(entry('move-request')).toMatchObject({ account_id: ana.id, request_id: sent[2]!.id });
    expect(JSON.parse(entry('move-request')?.detail ?? '{}')).toMatchObject({
      from: 'enviado',
      to: 'en-revision',
    });
    expect(entry('view-request')).toMatchObject({ account_id: ana.id, request_id: sent[0]!.id });
    expect(entry('download-attachment')).toMatchObject({
      account_id: ana.id,
      request_id: sent[0]!.id,
    });
    expect(JSON.parse(entry('download-attachment')?.detail ?? '{}')).toEqual({ sha256 });
  });

  it('records who moved a request in its history, and ends sessions on sign-out and after a shift', async () => {
    const staff = await h.staff();
    const ana = await h.customer();
    const sent = RequestDetail.parse(
      (
        await h.post('/api/v1/requests', await internetRequest(h, ana.headers), {
          ...(await h.delivering(ana.headers)),
          ...idempotency(),
        })
      ).body,
    );
    const moved = await h.post(
      `/api/v1/staff/requests/${sent.id}/transitions`,
      { to: 'en-revision', message: 'Revisando.' },
      staff.headers,
    );
    expect(StaffRequestDetail.parse(moved.body).history.at(-1)).toMatchObject({
      state: 'en-revision',
      by: 'staff',
      staffEmail: staff.email,
    });
    // The customer sees the change, not who made it.
    const mine = await h.get(`/api/v1/me/requests/${sent.id}`, ana.headers);
    expect(JSON.stringify(mine.body)).not.toContain(staff.email);

    expect((await h.call('DELETE', '/api/v1/staff/sessions/current', staff.headers)).status).toBe(
      200,
    );
    expect((await h.get('/api/v1/staff/requests', staff.headers)).status).toBe(401);
    expect((await auditOf(staff.email)).map((entry) => entry.action)).toContain('sign-out');

    const later = await h.staff();
    h.clock.advance(8 * 3_600_000);
    const expired = await h.get('/api/v1/staff/requests', later.headers);
    expect(expired.status).toBe(401);
    expect(expired.body.code).toBe('staff_session_expired');
  });
});

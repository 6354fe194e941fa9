import { createHash } from 'node:crypto';
import { beforeAll, expect, it } from 'vitest';
import { DeliveryToken } from '../../src/contract/index.js';
import { describeEachEngine } from '../testing/engines.js';
import { codeIn } from '../testing/smtp-mailbox.js';
import { idempotency, makePdf, startRequestsApp, type RequestsApp } from './test-app.js';
import { internetRequest } from './test-submissions.js';

const hour = 3_600_000;

describeEachEngine('delivery tokens', (engine) => {
  let h: RequestsApp;
  beforeAll(async () => {
    h = await startRequestsApp(
      engine,
      { deliveryTokenLifetimeMs: 24 * hour, deliveryTokensPerSession: 3 },
      { http: true },
    );
  });

  const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');
  const signOut = (headers: Record<string, string>, keep: string[] = []) =>
    h.call(
      'DELETE',
      '/api/v1/sessions/current',
      headers,
      keep.length ? { keepDeliveryTokens: keep.map(hashOf) } : undefined,
    );
  const submit = async (delivery: { headers: Record<string, string> }, key = idempotency()) =>
    h.post('/api/v1/requests', await internetRequest(h, delivery.headers), {
      ...delivery.headers,
      ...key,
    });

  async function tokenFor(
    headers: Record<string, string>,
    body: Record<string, unknown> = { purpose: 'request' },
  ) {
    const issued = await h.post('/api/v1/delivery-tokens', body, headers);
    expect(issued.status).toBe(201);
    const token = DeliveryToken.parse(issued.body);
    return {
      ...token,
      headers: { authorization: `Delivery ${token.token}`, 'x-kiosk-id': 'kiosco-1' },
    };
  }

  it('a token the sign-out names delivers once after the session ended, with the number reserved when issued', async () => {
    const ana = await h.customer();
    const delivery = await tokenFor(ana.headers);
    expect(delivery.requestNumber).toMatch(/^T-2026-\d{6}$/);
    expect(Date.parse(delivery.expiresAt) - h.clock.now().getTime()).toBe(24 * hour);
    const stored = await h.db.selectFrom('delivery_tokens').select('token_hash').execute();
    expect(stored.map((row) => row.token_hash)).not.toContain(delivery.token);

    expect((await signOut(ana.headers, [delivery.token])).status).toBe(200);
    const body = await internetRequest(h, delivery.headers);
    const key = idempotency();
    const sent = await h.post('/api/v1/requests', body, { ...delivery.headers, ...key });
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({ number: delivery.requestNumber, state: 'enviado' });

    // The kiosk lost the answer: the replay of that delivery still gets it.
    const replay = await h.post('/api/v1/requests', body, { ...delivery.headers, ...key });
    expect(replay.status).toBe(201);
    expect(replay.body).toEqual(sent.body);

    // Good for its one delivery only: another submission, another upload are refused.
    const again = await h.post('/api/v1/requests', body, { ...delivery.headers, ...idempotency() });
    expect(again.status).toBe(401);
    expect(again.body.code).toBe('delivery_token_used');
    const upload = await h.post(
      '/api/v1/uploads',
      { sha256: 'b'.repeat(64), size: 10, mediaType: 'application/pdf' },
      delivery.headers,
    );
    expect(upload.status).toBe(401);
  });

  it('every token the sign-out does not name dies with the session (a stolen session files nothing after it)', async () => {
    const ana = await h.customer();
    const queued = await tokenFor(ana.headers);
    const stolen = await tokenFor(ana.headers);
    // Files uploaded earlier with the stolen token do not help it either.
    const body = await internetRequest(h, stolen.headers);
    expect((await signOut(ana.headers, [queued.token])).status).toBe(200);

    const late = await h.post('/api/v1/requests', body, { ...stolen.headers, ...idempotency() });
    expect(late.status).toBe(401);
    expect(late.body.code).toBe('delivery_token_invalid');
    const file = await makePdf(1);
    const upload = await h.upload(stolen.headers, file);
    expect(upload.status).toBe(401);
    // The session that minted it can mint no more, and cannot sign out again to name it.
    expect(
      (await h.post('/api/v1/delivery-tokens', { purpose: 'request' }, ana.headers)).status,
    ).toBe(401);
    expect((await signOut(ana.headers, [stolen.token])).status).toBe(401);
    expect(
      (await h.post('/api/v1/requests', body, { ...stolen.headers, ...idempotency() })).status,
    ).toBe(401);

    // A sign-out with no body names nothing: every token of that session dies.
    const juan = await h.customer();
    const unnamed = await tokenFor(juan.headers);
    expect((await h.call('DELETE', '/api/v1/sessions/current', juan.headers)).status).toBe(200);
    const refused = await h.post('/api/v1/requests', body, {
      ...unnamed.headers,
      ...idempotency(),
    });
    expect(refused.status).toBe(401);

    // Another session's sign-out cannot name (nor kill) this session's tokens.
    const other = await h.customer();
    const own = await tokenFor(other.headers);
    const elsewhere = await h.customer();
    expect((await signOut(elsewhere.headers, [own.token])).status).toBe(200);
    expect((await submit(own)).status).toBe(201);
    expect((await submit(queued)).status).toBe(201);
  });

  it('a password reset kills every token no sign-out named, and spares the named ones', async () => {
    const ana = await h.customer();
    const named = await tokenFor(ana.headers);
    expect((await signOut(ana.headers, [named.token])).status).toBe(200);
    // The same account, signed in again (an attacker's copy of the session, say).
    const session = await h.post(
      '/api/v1/sessions',
      { email: ana.email, password: 'mate amargo en la plaza' },
      { 'x-kiosk-id': 'kiosco-2' },
    );
    expect(session.status).toBe(201);
    const live = {
      authorization: `Bearer ${String(session.body.token)}`,
      'x-kiosk-id': 'kiosco-2',
    };
    const minted = await tokenFor(live);
    const mintedBody = await internetRequest(h, minted.headers);

    expect((await h.post('/api/v1/password-resets', { email: ana.email })).status).toBe(202);
    const mail = await h.mailbox.next(ana.email, /Recuperación/);
    const reset = await h.post('/api/v1/password-resets/confirm', {
      email: ana.email,
      code: codeIn(mail),
      password: 'un caballo verde en Corrientes',
    });
    expect(reset.status).toBe(200);

    const refused = await h.post('/api/v1/requests', mintedBody, {
      ...minted.headers,
      ...idempotency(),
    });
    expect(refused.status).toBe(401);
    expect(refused.body.code).toBe('delivery_token_invalid');
    expect((await h.get('/api/v1/me', live)).status).toBe(401);
    const delivered = await submit(named);
    expect(delivered.status).toBe(201);
    expect(delivered.body.number).toBe(named.requestNumber);
  });

  it('a session holds only a few unspent tokens; spending one frees its place', async () => {
    const ana = await h.customer();
    const tokens = [
      await tokenFor(ana.headers),
      await tokenFor(ana.headers),
      await tokenFor(ana.headers),
    ];
    const fourth = await h.post('/api/v1/delivery-tokens', { purpose: 'request' }, ana.headers);
    expect(fourth.status).toBe(429);
    expect(fourth.body.code).toBe('delivery_tokens_limit');
    expect(String(fourth.body.message)).toContain('credenciales de envío sin usar');
    // Asked for at once, they still stop at the limit.
    const bob = await h.customer();
    const racing = await Promise.all(
      Array.from({ length: 8 }, () =>
        h.post('/api/v1/delivery-tokens', { purpose: 'request' }, bob.headers),
      ),
    );
    expect(racing.filter((answer) => answer.status === 201)).toHaveLength(3);
    expect(racing.filter((answer) => answer.status === 429)).toHaveLength(5);

    expect((await submit(tokens[0]!)).status).toBe(201);
    expect(
      (await h.post('/api/v1/delivery-tokens', { purpose: 'request' }, ana.headers)).status,
    ).toBe(201);
  });

  it("a sign-out that waited past the session's lifetime still settles its tokens", async () => {
    const ana = await h.customer();
    const named = await tokenFor(ana.headers);
    const unnamed = await tokenFor(ana.headers);
    const body = await internetRequest(h, unnamed.headers);
    // Sessions of this app last a year; the kiosk's sign-out arrives after that.
    h.clock.advance(366 * 24 * hour);
    expect((await h.get('/api/v1/me', ana.headers)).status).toBe(401);
    expect((await signOut(ana.headers, [named.token])).status).toBe(200);
    h.clock.advance(-366 * 24 * hour);
    const refused = await h.post('/api/v1/requests', body, {
      ...unnamed.headers,
      ...idempotency(),
    });
    expect(refused.status).toBe(401);
    expect((await submit(named)).status).toBe(201);
  });

  it('is narrow: it cannot read requests, sign out, or issue more tokens', async () => {
    const ana = await h.customer();
    const delivery = await tokenFor(ana.headers);
    for (const [method, url] of [
      ['GET', '/api/v1/me/requests'],
      ['GET', '/api/v1/me'],
      ['GET', '/api/v1/me/supplies'],
      ['DELETE', '/api/v1/sessions/current'],
    ] as const) {
      expect((await h.call(method, url, delivery.headers)).status).toBe(401);
    }
    expect(
      (await h.post('/api/v1/delivery-tokens', { purpose: 'request' }, delivery.headers)).status,
    ).toBe(401);
    // Nor is it a bearer token.
    const asBearer = { authorization: `Bearer ${delivery.token}` };
    expect((await h.get('/api/v1/me/requests', asBearer)).status).toBe(401);
  });

  it('expires', async () => {
    const ana = await h.customer();
    const delivery = await tokenFor(ana.headers);
    const body = await internetRequest(h, delivery.headers);
    h.clock.advance(24 * hour + 1);
    const late = await h.post('/api/v1/requests', body, { ...delivery.headers, ...idempotency() });
    expect(late.status).toBe(401);
    expect(late.body.code).toBe('delivery_token_invalid');
  });

  it('an answer token serves only its request, and a request token no answer', async () => {
    const ana = await h.customer();
    const sent = await h.post('/api/v1/requests', await internetRequest(h, ana.headers), {
      ...(await h.delivering(ana.headers)),
      ...idempotency(),
    });
    const requestId = String(sent.body.id);
    const answer = await tokenFor(ana.headers, { purpose: 'answer', requestId });
    expect(answer.requestNumber).toBeNull();
    const submit = await h.post('/api/v1/requests', await internetRequest(h, answer.headers), {
      ...answer.headers,
      ...idempotency(),
    });
    expect(submit.status).toBe(403);
    expect(submit.body.code).toBe('delivery_token_scope');

    const request = await tokenFor(ana.headers);
    const wrong = await h.post(
      `/api/v1/me/requests/${requestId}/answers`,
      { stepId: 'plan', fields: { plan: 'hogar-50' } },
      { ...request.headers, ...idempotency() },
    );
    expect(wrong.status).toBe(403);

    // Someone else's request cannot get a token.
    const juan = await h.customer();
    const theirs = await h.post(
      '/api/v1/delivery-tokens',
      { purpose: 'answer', requestId },
      juan.headers,
    );
    expect(theirs.status).toBe(404);
  });
});

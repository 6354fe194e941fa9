import { beforeAll, expect, it } from 'vitest';
import { DeliveryToken } from '../../src/contract/index.js';
import { describeEachEngine } from '../testing/engines.js';
import { idempotency, startRequestsApp, type RequestsApp } from './test-app.js';
import { internetRequest } from './test-submissions.js';

const hour = 3_600_000;

describeEachEngine('delivery tokens', (engine) => {
  let h: RequestsApp;
  beforeAll(async () => {
    h = await startRequestsApp(engine, { deliveryTokenLifetimeMs: 24 * hour });
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

  it('uploads and submits once the session has ended, with the number reserved when issued', async () => {
    const ana = await h.customer();
    const delivery = await tokenFor(ana.headers);
    expect(delivery.requestNumber).toMatch(/^T-2026-\d{6}$/);
    expect(Date.parse(delivery.expiresAt) - h.clock.now().getTime()).toBe(24 * hour);
    const stored = await h.db.selectFrom('delivery_tokens').select('token_hash').execute();
    expect(stored.map((row) => row.token_hash)).not.toContain(delivery.token);

    expect((await h.call('DELETE', '/api/v1/sessions/current', ana.headers)).status).toBe(200);
    const body = await internetRequest(h, delivery.headers);
    const key = idempotency();
    const sent = await h.post('/api/v1/requests', body, { ...delivery.headers, ...key });
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({ number: delivery.requestNumber, state: 'enviado' });

    // The kiosk lost the answer: the replay of that delivery still gets it.
    const replay = await h.post('/api/v1/requests', body, { ...delivery.headers, ...key });
    expect(replay.status).toBe(201);
    expect(replay.body).toEqual(sent.body);

    // Anything else with the spent token is refused: another submission, another upload.
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
      ...ana.headers,
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

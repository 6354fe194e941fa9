import { beforeAll, expect, it } from 'vitest';
import { HandoffRedeemed, PaymentsHandoff } from '../../src/contract/index.js';
import { sha256Hex } from '../accounts/secrets.js';
import { supplyMessages } from '../supplies/messages.js';
import {
  anaProof,
  paymentsSecret,
  startSuppliesApp,
  type SuppliesApp,
} from '../supplies/test-app.js';
import { describeEachEngine } from '../testing/engines.js';

const handoff = '/api/v1/me/payments-handoff';
const redeem = '/api/v1/payments-handoff/redeem';
const site = { 'x-payments-secret': paymentsSecret };
const usedOrExpired = {
  code: 'handoff_used_or_expired',
  message: supplyMessages.handoffUsedOrExpired,
};

describeEachEngine('Facturas y Pagos hand-off', (engine) => {
  let h: SuppliesApp;
  let ana: Record<string, string>;
  beforeAll(async () => {
    h = await startSuppliesApp(engine);
    ana = await h.signIn();
    expect((await h.post('/api/v1/me/supplies', anaProof, ana)).status).toBe(201);
  });

  async function newToken(): Promise<{ token: string; url: URL; expiresAt: string }> {
    const response = await h.post(handoff, undefined, ana);
    expect(response.status).toBe(201);
    const { url, expiresAt } = PaymentsHandoff.parse(response.body);
    const parsed = new URL(url);
    return { token: parsed.searchParams.get('token') ?? '', url: parsed, expiresAt };
  }

  it('gives the payments URL from the settings with a one-time token, kept only hashed', async () => {
    const start = h.clock.now().getTime();
    const { token, url, expiresAt } = await newToken();
    expect(`${url.origin}${url.pathname}`).toBe('https://pagos.copelco.example/');
    // 32 random bytes in base64url.
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Date.parse(expiresAt) - start).toBe(5 * 60_000);
    const rows = await h.db.selectFrom('payments_handoffs').selectAll().execute();
    expect(rows.map((row) => row.token_hash)).toContain(sha256Hex(token));
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it('needs a session to be asked for', async () => {
    expect((await h.post(handoff)).status).toBe(401);
  });

  it('is redeemed once by the payments site, with who the customer is', async () => {
    const { token } = await newToken();
    const first = await h.post(redeem, { token }, site);
    expect(first.status).toBe(200);
    expect(HandoffRedeemed.parse(first.body)).toEqual({
      email: expect.stringMatching(/@example\.com$/) as unknown,
      firstName: 'Ana María',
      lastName: 'Pérez',
      supplies: [
        {
          number: '100234',
          service: 'energia',
          address: expect.any(String) as unknown,
          state: 'activo',
        },
      ],
    });
    const second = await h.post(redeem, { token }, site);
    expect(second).toMatchObject({ status: 410, body: usedOrExpired });
  });

  it('expires after five minutes', async () => {
    const early = await newToken();
    h.clock.advance(5 * 60_000 - 1_000);
    expect((await h.post(redeem, { token: early.token }, site)).status).toBe(200);

    const { token } = await newToken();
    h.clock.advance(5 * 60_000);
    expect(await h.post(redeem, { token }, site)).toMatchObject({
      status: 410,
      body: usedOrExpired,
    });
  });

  it('answers an unknown token like a used one', async () => {
    const response = await h.post(redeem, { token: 'A'.repeat(43) }, site);
    expect(response).toMatchObject({ status: 410, body: usedOrExpired });
  });

  it('is redeemed only with the shared secret, and a refusal does not use it up', async () => {
    const { token } = await newToken();
    const refused: Record<string, string>[] = [
      {},
      { 'x-payments-secret': 'adivinanza' },
      { 'x-payments-secret': '' },
    ];
    for (const headers of refused) {
      const response = await h.post(redeem, { token }, headers);
      expect(response).toMatchObject({
        status: 401,
        body: { code: 'payments_secret_required', message: supplyMessages.handoffSecretRequired },
      });
    }
    expect((await h.post(redeem, { token }, site)).status).toBe(200);
  });
});

describeEachEngine('Facturas y Pagos hand-off without a configured secret', (engine) => {
  it('cannot be redeemed at all', async () => {
    const h = await startSuppliesApp(engine, { paymentsHandoffSecret: undefined });
    const ana = await h.signIn();
    const created = PaymentsHandoff.parse((await h.post(handoff, undefined, ana)).body);
    const token = new URL(created.url).searchParams.get('token') ?? '';
    const attempts: Record<string, string>[] = [{}, site, { 'x-payments-secret': 'undefined' }];
    for (const headers of attempts) {
      expect((await h.post(redeem, { token }, headers)).status).toBe(401);
    }
  });
});

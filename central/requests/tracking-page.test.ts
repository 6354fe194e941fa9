import { beforeAll, expect, it } from 'vitest';
import { RequestDetail } from '../../src/contract/index.js';
import { describeEachEngine } from '../testing/engines.js';
import { idempotency, startRequestsApp, type RequestsApp } from './test-app.js';
import { internetRequest } from './test-submissions.js';
import { trackingPath } from './tracking-page.js';

/** "Seguí tu trámite", the page of the receipt's QR code: the number and the holder's document. */
describeEachEngine('the tracking page', (engine) => {
  let h: RequestsApp;
  let number = '';
  let document = '';
  beforeAll(async () => {
    h = await startRequestsApp(engine);
    const customer = await h.customer();
    const sent = await h.post('/api/v1/requests', await internetRequest(h, customer.headers), {
      ...(await h.delivering(customer.headers)),
      ...idempotency(),
    });
    number = RequestDetail.parse(sent.body).number;
    const account = await h.db
      .selectFrom('accounts')
      .select('document_number')
      .where('id', '=', customer.id)
      .executeTakeFirstOrThrow();
    document = account.document_number;
  });

  const ask = (fields: Record<string, string>, address = '10.1.1.1') =>
    h.app.inject({
      method: 'POST',
      url: trackingPath,
      remoteAddress: address,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(fields).toString(),
    });

  it('offers the form with the number from the QR code filled in', async () => {
    const page = await h.app.inject({ method: 'GET', url: `${trackingPath}?numero=${number}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`value="${number}"`);
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
  });

  it('shows the state only with the holder document, and says nothing else otherwise', async () => {
    const shown = await ask({ numero: number, documento: document });
    expect(shown.statusCode).toBe(200);
    expect(shown.body).toContain(`Trámite ${number}`);
    expect(shown.body).toContain('Enviado');

    const wrongDocument = await ask({ numero: number, documento: '11222333' });
    const unknownNumber = await ask({ numero: 'T-2026-999999', documento: document });
    expect(wrongDocument.statusCode).toBe(404);
    expect(unknownNumber.statusCode).toBe(404);
    // The same page either way, but for the number typed, which the form keeps.
    const withoutNumber = (body: string) => body.replaceAll(/value="[^"]*"/g, '');
    expect(withoutNumber(wrongDocument.body)).toBe(withoutNumber(unknownNumber.body));
    expect(wrongDocument.body).toContain('No encontramos el trámite');
    expect(wrongDocument.body).not.toContain('Enviado');
  });

  it('makes an address wait after ten wrong guesses, even for a right one', async () => {
    for (let i = 0; i < 10; i++) {
      await ask({ numero: number, documento: String(30_000_000 + i) }, '10.2.2.2');
    }
    const blocked = await ask({ numero: number, documento: document }, '10.2.2.2');
    expect(blocked.statusCode).toBe(429);
    expect(blocked.body).not.toContain('Enviado');
    expect((await ask({ numero: number, documento: document }, '10.3.3.3')).statusCode).toBe(200);
  });
});

import { beforeAll, expect, it } from 'vitest';
import { Invoice } from '../../src/contract/index.js';
import { describeEachEngine } from '../testing/engines.js';
import { supplyMessages } from './messages.js';
import { anaProof, startSuppliesApp, type SuppliesApp } from './test-app.js';

const latest = (supply: string) => `/api/v1/me/supplies/${supply}/invoices/latest`;

describeEachEngine('Ultima Factura', (engine) => {
  let h: SuppliesApp;
  let ana: Record<string, string>;
  beforeAll(async () => {
    h = await startSuppliesApp(engine);
    ana = await h.signIn();
    for (const supply of ['100234', '100235']) {
      const linked = await h.post(
        '/api/v1/me/supplies',
        { ...anaProof, supplyOrInvoiceNumber: supply },
        ana,
      );
      expect(linked.status).toBe(201);
    }
  });

  /** Puts the central's clock at `iso` (it only moves forward). */
  function setClock(iso: string) {
    const ms = Date.parse(iso) - h.clock.now().getTime();
    expect(ms).toBeGreaterThanOrEqual(0);
    h.clock.advance(ms);
  }

  it('gives the newest invoice of a linked supply, not overdue before its due date', async () => {
    const response = await h.get(latest('100234'), ana);
    expect(response.status).toBe(200);
    expect(Invoice.parse(response.body)).toEqual({
      number: '0003-00012399',
      supplyNumber: '100234',
      period: '2026-10',
      amountCents: 123450,
      dueDate: '2026-11-10',
      state: 'pendiente',
      overdue: false,
      paymentBarcode: '00412345678901234567890199',
    });
  });

  it('marks it overdue from the day after its due date in Argentina', async () => {
    // 23:59 of the due date in Argentina (UTC-3) is already the next day in UTC.
    setClock('2026-11-11T02:59:00.000Z');
    expect((await h.get(latest('100234'), ana)).body.overdue).toBe(false);
    setClock('2026-11-11T03:00:00.000Z');
    expect((await h.get(latest('100234'), ana)).body.overdue).toBe(true);
  });

  it('never marks a paid invoice overdue', async () => {
    await h.db
      .updateTable('invoices')
      .set({ state: 'pagada' })
      .where('number', '=', '0003-00012399')
      .execute();
    const response = await h.get(latest('100234'), ana);
    expect(response.body).toMatchObject({ state: 'pagada', overdue: false });
  });

  it('answers no_invoice for a linked supply without invoices', async () => {
    const response = await h.get(latest('100235'), ana);
    expect(response).toMatchObject({
      status: 404,
      body: { code: 'no_invoice', message: supplyMessages.noInvoice },
    });
  });

  it('shows only supplies linked to the account', async () => {
    const stranger = await h.signIn('kiosco-2');
    for (const supply of ['100234', '200451', '999999']) {
      const response = await h.get(latest(supply), stranger);
      expect(response).toMatchObject({
        status: 404,
        body: { code: 'supply_not_linked', message: supplyMessages.supplyNotLinked },
      });
    }
    expect((await h.get(latest('100234'))).status).toBe(401);
    expect((await h.get('/api/v1/me/supplies', stranger)).body).toEqual({ supplies: [] });
  });

  it('leaves annulled invoices out', async () => {
    const juan = await h.signIn('kiosco-3');
    const linked = await h.post(
      '/api/v1/me/supplies',
      {
        supplyOrInvoiceNumber: '200451',
        documentType: 'CUIT',
        documentNumber: '20-12345678-6',
        birthDate: '1975-11-02',
      },
      juan,
    );
    expect(linked.status).toBe(201);
    // Its only invoice, A-0001-00000077, is annulled.
    expect((await h.get(latest('200451'), juan)).body.code).toBe('no_invoice');
  });
});

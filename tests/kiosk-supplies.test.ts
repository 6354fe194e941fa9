import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { describeEachEngine } from '../central/testing/engines.js';
import { pdfText } from '../src/testing/pdf-text.js';
import { demoHolder, registerAndActivate } from './helpers/customer.js';
import { useEngineKiosk } from './helpers/kiosk-stack.js';

const holderProof = { documentType: 'DNI', documentNumber: '20345678', birthDate: '1985-04-12' };
/** Juan Carlos Pereyra, holder of 200451 (paid) and 200452 (overdue). */
const pereyraProof = { documentType: 'DNI', documentNumber: '17654321', birthDate: '1962-09-30' };

/** Supplies, invoices, the hand-off and the coupon through the kiosk core and a real central. */
describeEachEngine('kiosk supplies through the core', (engine) => {
  const kiosk = useEngineKiosk(engine, ({ call, mailbox }) => registerAndActivate(call, mailbox));
  const { call } = kiosk;

  it('asks for a session before touching supplies', async () => {
    expect(await call('supplies:list')).toMatchObject({
      ok: false,
      error: { code: 'session_required' },
    });
  });

  it('links a demo supply only when every proof matches, and lists it once', async () => {
    await call('session:signIn', { email: demoHolder.email, password: demoHolder.password });
    const wrong = await call('supplies:link', {
      supplyOrInvoiceNumber: '100234',
      ...holderProof,
      birthDate: '1985-04-13',
    });
    expect(wrong).toMatchObject({
      ok: false,
      error: {
        code: 'supply_not_matched',
        message: expect.stringContaining('No encontramos') as string,
      },
    });
    const linked = await call('supplies:link', { supplyOrInvoiceNumber: '100234', ...holderProof });
    expect(linked).toMatchObject({ ok: true, value: { number: '100234', service: 'energia' } });
    // By an invoice number of the other supply, typed with its dash.
    const byInvoice = await call('supplies:link', {
      supplyOrInvoiceNumber: '0005-00004873',
      ...holderProof,
    });
    expect(byInvoice).toMatchObject({ ok: true, value: { number: '100235' } });
    await call('supplies:link', { supplyOrInvoiceNumber: '100234', ...holderProof });
    const list = await call('supplies:list');
    expect(
      list.ok &&
        (list.value as { supplies: { number: string }[] }).supplies.map((s) => s.number).sort(),
    ).toEqual(['100234', '100235']);
  });

  it('shows the last invoice of each supply and prints its coupon as a PDF for the session', async () => {
    const latest = await call('invoice:latest', { supplyNumber: '100234' });
    expect(latest).toMatchObject({ ok: true, value: { supplyNumber: '100234', overdue: false } });
    const invoice = (latest as { value: { number: string; amountCents: number } }).value;
    expect(invoice.amountCents).toBe(1987540);

    const printed = await call('coupon:print', { invoiceNumber: invoice.number });
    expect(printed).toMatchObject({ ok: true, value: { outcome: 'pdf' } });
    const fileName = (printed as { value: { fileName: string } }).value.fileName;
    const file = path.join(kiosk.stack.kioskDir, 'tmp', 'session', fileName);
    const [text] = await pdfText(readFileSync(file));
    expect(text).toContain('Suministro N° 100234');
    expect(text?.replace(/\s/g, ' ')).toContain('$ 19.875,40');
    // Argentina's time on a 24-hour clock, whatever the zone of the machine that prints it.
    const printedAt = /Impreso el (\d{1,2})\/(\d{1,2})\/(\d{2}), (\d{2}):(\d{2})\./.exec(
      text ?? '',
    );
    expect(printedAt, text).not.toBeNull();
    const [day = 0, month = 0, year = 0, hour = 0, minute = 0] =
      printedAt?.slice(1).map(Number) ?? [];
    const asUtc = Date.UTC(2000 + year, month - 1, day, hour + 3, minute);
    expect(Math.abs(asUtc - Date.now())).toBeLessThan(10 * 60_000);

    await call('session:signOut');
    expect(existsSync(file)).toBe(false);
  });

  it('refuses a coupon of an invoice the customer did not see', async () => {
    const result = await call('coupon:print', { invoiceNumber: '0007-00000902' });
    expect(result).toMatchObject({ ok: false, error: { code: 'invoice_not_shown' } });
  });

  it('has no coupon for a paid invoice, which may come without a barcode', async () => {
    const paid = await call('invoice:lookup', {
      supplyOrInvoiceNumber: '200451',
      ...pereyraProof,
    });
    expect(paid).toMatchObject({ ok: true, value: { invoice: { state: 'pagada' } } });
    const invoice = (paid as { value: { invoice: { number: string } } }).value.invoice;
    expect(await call('coupon:print', { invoiceNumber: invoice.number })).toMatchObject({
      ok: false,
      error: { code: 'invoice_paid', message: expect.stringContaining('ya está pagada') as string },
    });
  });

  it('hands off to Facturas y Pagos with a one-time URL and its QR code', async () => {
    await call('session:signIn', { email: demoHolder.email, password: demoHolder.password });
    const handoff = await call('payments:handoff');
    expect(handoff).toMatchObject({
      ok: true,
      value: {
        url: expect.stringContaining('token=') as string,
        qrSvg: expect.stringMatching(/^<svg/) as string,
      },
    });
    await call('session:signOut');
  });

  it('takes the payment barcode the camera reads from a printed invoice as the number', async () => {
    const found = await call('invoice:lookup', {
      // The barcode of an older, annulled invoice of supply 200452 (resources/demo/facturas.csv).
      supplyOrInvoiceNumber: '00410020045200070000090300004520005',
      ...pereyraProof,
    });
    expect(found).toMatchObject({ ok: true, value: { supply: { number: '200452' } } });
  });

  it('shows the last invoice without an account from the holder proof, overdue marked', async () => {
    const found = await call('invoice:lookup', {
      supplyOrInvoiceNumber: '200452',
      ...pereyraProof,
    });
    expect(found).toMatchObject({
      ok: true,
      value: { supply: { number: '200452' }, invoice: { overdue: true, amountCents: 425000 } },
    });
  });
});

import { describe, expect, it } from 'vitest';
import { decodeBarcodes } from '../testing/barcode-decoder.js';
import { pdfPageSizesMm, pdfText } from '../testing/pdf-text.js';
import { paymentBarcodePng } from './barcode.js';
import { renderPaymentCoupon } from './coupon.js';
import { defaultResourcesDir } from './pdf-fonts.js';

const supply = {
  number: '100234',
  service: 'energia' as const,
  address: 'Av. San Martín 1234, Colón, Entre Ríos',
  state: 'activo' as const,
};
const invoice = {
  number: 'A-0001-00012345',
  supplyNumber: '100234',
  period: '2026-10',
  amountCents: 1534599,
  dueDate: '2026-11-20',
  state: 'pendiente' as const,
  overdue: true,
  paymentBarcode: '12345678901234567890123456789012',
};

function render(overrides: Partial<typeof invoice> = {}) {
  return renderPaymentCoupon({
    branding: { cooperativeName: 'COPELCO', fullName: 'Cooperativa COPELCO Ltda.' },
    supply,
    invoice: { ...invoice, ...overrides },
    printedAt: new Date('2026-11-28T15:00:00Z'),
    branch: 'Sucursal Centro',
    resourcesDir: defaultResourcesDir,
  });
}

describe('payment coupon', () => {
  it('is an 80 mm page with the amount in pesos, the due date and the overdue mark', async () => {
    const pdf = await render();
    const [size] = await pdfPageSizesMm(pdf);
    expect(size?.width).toBeCloseTo(80, 1);
    const [text] = await pdfText(pdf);
    expect(text).toContain('Suministro N° 100234');
    expect(text).toContain('Av. San Martín 1234, Colón, Entre Ríos');
    expect(text?.replace(/\s/g, ' ')).toContain('$ 15.345,99');
    expect(text).toContain('Vence el 20 de noviembre de 2026');
    expect(text).toContain('FACTURA VENCIDA');
    // 15:00 UTC is noon in Argentina, on a 24-hour clock, with one period at the end.
    expect(text).toContain('Impreso el 28/11/26, 12:00 en Sucursal Centro.');
  });

  it('says nothing of overdue when the invoice is not', async () => {
    const [text] = await pdfText(await render({ overdue: false }));
    expect(text).not.toContain('VENCIDA');
  });

  it('draws a payment barcode that scans back to the invoice string', async () => {
    const even = await decodeBarcodes(await paymentBarcodePng(invoice.paymentBarcode));
    expect(even).toEqual([{ format: 'ITF', text: invoice.paymentBarcode }]);
    const odd = await decodeBarcodes(await paymentBarcodePng('1234567890123456789012345'));
    expect(odd[0]?.text).toBe('1234567890123456789012345');
  });
});

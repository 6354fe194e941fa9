import { renderPaymentCoupon } from '../src/documents/coupon.js';
import { defaultResourcesDir } from '../src/documents/pdf-fonts.js';
import { ms, median, sample, type Figure } from './measure.js';

/** The payment coupon: how long the kiosk takes to draw it, and how big it is. */
export async function documentsBench(): Promise<Figure[]> {
  const render = () =>
    renderPaymentCoupon({
      branding: { cooperativeName: 'COPELCO', fullName: 'Cooperativa COPELCO Ltda.' },
      supply: {
        number: '100234',
        service: 'energia',
        address: 'Av. San Martín 1234',
        state: 'activo',
      },
      invoice: {
        number: 'A-0001-00012345',
        supplyNumber: '100234',
        period: '2026-10',
        amountCents: 1534599,
        dueDate: '2026-11-20',
        state: 'pendiente',
        overdue: false,
        paymentBarcode: '12345678901234567890123456789012',
      },
      printedAt: new Date(),
      resourcesDir: defaultResourcesDir,
    });
  const times = await sample(render, 20);
  const pdf = await render();
  return [
    { name: 'payment coupon PDF (median)', value: ms(median(times)) },
    {
      name: 'payment coupon PDF size',
      value: `${(pdf.byteLength / 1024).toFixed(1)} KiB`,
      note: 'fonts subset: only the glyphs used',
    },
  ];
}

import { renderPaymentCoupon } from '../src/documents/coupon.js';
import { fillForm } from '../src/documents/forms.js';
import { checkPhoto } from '../src/documents/images.js';
import { defaultResourcesDir } from '../src/documents/pdf-fonts.js';
import { assembleRequirementPdf } from '../src/documents/requirement-pdf.js';
import { documentPhoto, encodeJpeg, signaturePng } from '../src/testing/synthetic-photos.js';
import { ms, median, sample, type Figure } from './measure.js';

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

/**
 * Photo → PDF as the core does it on "Agregar foto" and "Enviar": check the JPEG (decode, blur and
 * darkness), then put the pages of a requirement on A4. Pages are 1600 × 1010, as the renderer
 * compresses a DNI side (quality 0.8).
 */
async function photoPipelineFigures(): Promise<Figure[]> {
  const pages = [1, 2, 3, 4].map((seed) => encodeJpeg(documentPhoto(1600, 1010, seed), 80));
  const checks = await sample(() => Promise.resolve(pages.map((page) => checkPhoto(page))), 5, 1);
  const assemble = () =>
    assembleRequirementPdf({
      requirementTitle: 'DNI del titular',
      requestTitle: 'Solicitud Alta Energía',
      author: 'COPELCO',
      createdAt: new Date(),
      pages,
    });
  const assembles = await sample(assemble, 20);
  const pdf = await assemble();
  const photoBytes = pages.reduce((sum, page) => sum + page.byteLength, 0);
  return [
    {
      name: 'photo check per page (median)',
      value: ms(median(checks) / pages.length),
      note: 'JPEG decode + blur/darkness verdict, 1600 × 1010',
    },
    { name: 'photo size per page', value: kib(photoBytes / pages.length), note: 'JPEG q80' },
    {
      name: 'photos → PDF per page (median)',
      value: ms(median(assembles) / pages.length),
      note: `${pages.length} pages on A4`,
    },
    {
      name: 'PDF size per page',
      value: kib(pdf.byteLength / pages.length),
      note: `${((pdf.byteLength / photoBytes - 1) * 100).toFixed(1)}% over the photos`,
    },
  ];
}

/** Filling, signing and flattening the "Solicitud Alta Energía" form. */
async function formFigures(): Promise<Figure[]> {
  const signature = signaturePng();
  const fill = () =>
    fillForm({
      resourcesDir: defaultResourcesDir,
      template: 'alta-energia.pdf',
      values: {
        customerName: 'María Laura Gómez',
        customerDocument: 'DNI 20345678',
        street: 'Av. San Martín',
        streetNumber: '1234',
        locality: 'Colón',
        category: 'Residencial (vivienda)',
      },
      signaturePng: signature,
      title: 'Formulario de solicitud firmado',
      author: 'COPELCO',
      createdAt: new Date(),
    });
  const times = await sample(fill, 20);
  const pdf = await fill();
  return [
    { name: 'form fill + sign + flatten (median)', value: ms(median(times)), note: '1 page' },
    { name: 'filled form size', value: kib(pdf.byteLength), note: 'Noto Sans subset embedded' },
  ];
}

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
    ...(await photoPipelineFigures()),
    ...(await formFigures()),
    { name: 'payment coupon PDF (median)', value: ms(median(times)) },
    {
      name: 'payment coupon PDF size',
      value: `${(pdf.byteLength / 1024).toFixed(1)} KiB`,
      note: 'fonts subset: only the glyphs used',
    },
  ];
}

import { PDFDocument } from '@cantoo/pdf-lib';
import type { Branding, Invoice, Supply } from '../contract/index.js';
import { formatCalendarDate, formatPeriod, formatPesos } from '../domain/money.js';
import { formatArgentinaDateTime } from '../domain/time.js';
import { paymentBarcodePng } from './barcode.js';
import { embedFonts } from './pdf-fonts.js';
import { drawThermalPage, type ThermalBlock } from './thermal.js';

const serviceNames: Record<Supply['service'], string> = {
  energia: 'Energía eléctrica',
  internet: 'Internet',
  'servicio-social': 'Servicio social',
};

export type CouponInput = {
  branding: Pick<Branding, 'cooperativeName' | 'fullName'>;
  supply: Supply;
  /** Only an invoice with its payment barcode has a coupon. */
  invoice: Invoice & { paymentBarcode: string };
  printedAt: Date;
  branch?: string;
  resourcesDir: string;
};

/** The payment coupon of the last invoice, for paying at the counter or at a payment agent. */
export async function renderPaymentCoupon(input: CouponInput): Promise<Uint8Array> {
  const { supply, invoice } = input;
  const pdf = await PDFDocument.create();
  pdf.setTitle(`Cupón de pago - Factura ${invoice.number}`);
  pdf.setLanguage('es-AR');
  const fonts = await embedFonts(pdf, input.resourcesDir);
  const barcode = await pdf.embedPng(await paymentBarcodePng(invoice.paymentBarcode));

  const printed = formatArgentinaDateTime(input.printedAt);
  const blocks: ThermalBlock[] = [
    { text: input.branding.cooperativeName, size: 16, bold: true },
    { text: input.branding.fullName, size: 8 },
    { text: 'Cupón de pago', size: 13, bold: true, gapBefore: 10 },
    { text: `Suministro N° ${supply.number}`, size: 10, gapBefore: 6 },
    { text: serviceNames[supply.service], size: 10 },
    // Long addresses shrink to fit the roll rather than run off it.
    { text: supply.address, size: 9, overflow: 'shrink' },
    { text: `Factura N° ${invoice.number}`, size: 10, gapBefore: 6 },
    { text: `Período: ${formatPeriod(invoice.period)}`, size: 10 },
    { text: 'Importe', size: 10, gapBefore: 8 },
    { text: formatPesos(invoice.amountCents), size: 20, bold: true },
    { text: `Vence el ${formatCalendarDate(invoice.dueDate)}`, size: 11, bold: true },
    ...(invoice.overdue
      ? [{ text: 'FACTURA VENCIDA: puede tener recargo.', size: 10, bold: true }]
      : []),
    { image: barcode, gapBefore: 12 },
    { text: invoice.paymentBarcode, size: 7, gapBefore: 3 },
    { text: 'Pagalo en el mostrador o en un agente de cobro.', size: 8, gapBefore: 8 },
    { text: `Impreso el ${printed}${input.branch ? ` en ${input.branch}` : ''}.`, size: 7 },
  ];
  drawThermalPage(pdf, fonts, blocks);
  return pdf.save();
}

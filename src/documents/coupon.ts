import { PDFDocument, rgb } from '@cantoo/pdf-lib';
import type { Branding, Invoice, Supply } from '../contract/index.js';
import { formatCalendarDate, formatPeriod, formatPesos } from '../domain/money.js';
import { paymentBarcodePng } from './barcode.js';
import { embedFonts } from './pdf-fonts.js';

/** An 80 mm thermal roll: 80 mm wide (in points), with 4 mm margins either side. */
const pageWidth = (80 / 25.4) * 72;
const margin = (4 / 25.4) * 72;
const black = rgb(0, 0, 0);

const serviceNames: Record<Supply['service'], string> = {
  energia: 'Energía eléctrica',
  internet: 'Internet',
  'servicio-social': 'Servicio social',
};

export type CouponInput = {
  branding: Pick<Branding, 'cooperativeName' | 'fullName'>;
  supply: Supply;
  invoice: Invoice;
  printedAt: Date;
  branch?: string;
  resourcesDir: string;
};

type Line = { text: string; size: number; bold?: boolean; gapBefore?: number };

/** The payment coupon of the last invoice, for paying at the counter or at a payment agent. */
export async function renderPaymentCoupon(input: CouponInput): Promise<Uint8Array> {
  const { supply, invoice } = input;
  const pdf = await PDFDocument.create();
  pdf.setTitle(`Cupón de pago - Factura ${invoice.number}`);
  pdf.setLanguage('es-AR');
  const fonts = await embedFonts(pdf, input.resourcesDir);
  const barcode = await pdf.embedPng(await paymentBarcodePng(invoice.paymentBarcode));

  const printed = new Intl.DateTimeFormat('es-AR', {
    dateStyle: 'short',
    timeStyle: 'short',
  }).format(input.printedAt);
  const lines: Line[] = [
    { text: input.branding.cooperativeName, size: 16, bold: true },
    { text: input.branding.fullName, size: 8 },
    { text: 'Cupón de pago', size: 13, bold: true, gapBefore: 10 },
    { text: `Suministro N° ${supply.number}`, size: 10, gapBefore: 6 },
    { text: serviceNames[supply.service], size: 10 },
    { text: supply.address, size: 9 },
    { text: `Factura N° ${invoice.number}`, size: 10, gapBefore: 6 },
    { text: `Período: ${formatPeriod(invoice.period)}`, size: 10 },
    { text: 'Importe', size: 10, gapBefore: 8 },
    { text: formatPesos(invoice.amountCents), size: 20, bold: true },
    { text: `Vence el ${formatCalendarDate(invoice.dueDate)}`, size: 11, bold: true },
    ...(invoice.overdue
      ? [{ text: 'FACTURA VENCIDA: puede tener recargo.', size: 10, bold: true }]
      : []),
  ];
  const barcodeWidth = pageWidth - 2 * margin;
  const barcodeHeight = (barcode.height / barcode.width) * barcodeWidth;
  const footer: Line[] = [
    { text: invoice.paymentBarcode, size: 7, gapBefore: 3 },
    { text: 'Pagalo en el mostrador o en un agente de cobro.', size: 8, gapBefore: 8 },
    { text: `Impreso el ${printed}${input.branch ? ` en ${input.branch}` : ''}.`, size: 7 },
  ];
  const heightOf = (all: Line[]) =>
    all.reduce((sum, line) => sum + (line.gapBefore ?? 0) + line.size * 1.35, 0);
  const pageHeight = margin * 2 + heightOf(lines) + 12 + barcodeHeight + heightOf(footer);
  const page = pdf.addPage([pageWidth, pageHeight]);

  let y = pageHeight - margin;
  const write = (line: Line) => {
    y -= (line.gapBefore ?? 0) + line.size * 1.35;
    const font = line.bold ? fonts.bold : fonts.regular;
    // Long addresses shrink to fit the roll rather than run off it.
    const width = font.widthOfTextAtSize(line.text, line.size);
    const size = width > barcodeWidth ? (line.size * barcodeWidth) / width : line.size;
    page.drawText(line.text, { x: margin, y: y + line.size * 0.3, size, font, color: black });
  };
  lines.forEach(write);
  y -= 12 + barcodeHeight;
  page.drawImage(barcode, { x: margin, y, width: barcodeWidth, height: barcodeHeight });
  footer.forEach(write);
  return pdf.save();
}

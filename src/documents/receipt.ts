import { argentinaTimeZone } from '../domain/time-zone.js';
import { PDFDocument } from '@cantoo/pdf-lib';
import QRCode from 'qrcode';
import type { Branding } from '../contract/index.js';
import { embedFonts } from './pdf-fonts.js';
import { drawThermalPage, type ThermalBlock } from './thermal.js';

export type ReceiptInput = {
  branding: Pick<Branding, 'cooperativeName' | 'fullName'>;
  title: string;
  /** The kiosk's reference, always printed: what staff look up when the number is not there. */
  reference: string;
  /** The central's number, when it was reserved or the request was delivered. */
  number: string | null;
  delivered: boolean;
  /** The central's refusal, when it refused the request while the kiosk waited: not filed. */
  refusal?: string | null;
  /** The supply the request is about, when it is about one. */
  supply?: { number: string; address: string | null } | null;
  submittedAt: Date;
  branch?: string;
  attachments: readonly { title: string; pages: number }[];
  /** Where the customer's phone follows the request; no QR code without it. */
  trackingUrl: string | null;
  resourcesDir: string;
};

/** The QR code as a PNG, large modules so a thermal printer's dots still scan. */
export function receiptQrPng(url: string): Promise<Buffer> {
  return QRCode.toBuffer(url, { type: 'png', errorCorrectionLevel: 'M', margin: 2, scale: 6 });
}

const dateTime = new Intl.DateTimeFormat('es-AR', {
  dateStyle: 'short',
  timeStyle: 'short',
  timeZone: argentinaTimeZone,
});
const pagesLabel = (pages: number) => (pages === 1 ? '1 página' : `${pages} páginas`);

/**
 * The customer's receipt on the 80 mm roll (and as a PDF when there is no printer). While the
 * request waits in the kiosk's outbox it says so plainly; the number it shows is the one the
 * request keeps, because the central reserved it before the receipt was printed.
 */
export async function renderRequestReceipt(input: ReceiptInput): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(`Comprobante - ${input.title}`);
  pdf.setLanguage('es-AR');
  const fonts = await embedFonts(pdf, input.resourcesDir);
  const qr =
    input.trackingUrl && !(input.refusal && !input.delivered)
      ? await pdf.embedPng(await receiptQrPng(input.trackingUrl))
      : null;

  const refused = !input.delivered && Boolean(input.refusal);
  const state = (): ThermalBlock[] => {
    if (input.delivered) return [];
    const explanation = refused
      ? `La cooperativa no aceptó el trámite: ${input.refusal} No quedó presentado. Consultá en el mostrador con la referencia del kiosco.`
      : 'Tu trámite quedó guardado en el kiosco y se envía solo apenas haya conexión. No tenés que hacer nada más.';
    return [{ text: explanation, size: 8, overflow: 'wrap' }];
  };
  const blocks: ThermalBlock[] = [
    { text: input.branding.cooperativeName, size: 16, bold: true },
    { text: input.branding.fullName, size: 8, overflow: 'wrap' },
    { text: 'Comprobante de trámite', size: 13, bold: true, gapBefore: 10 },
    { text: input.title, size: 11, overflow: 'wrap', gapBefore: 2 },
    ...(input.supply
      ? [
          {
            text: `Suministro N.º ${input.supply.number}${input.supply.address ? `, ${input.supply.address}` : ''}`,
            size: 9,
            overflow: 'wrap' as const,
          },
        ]
      : []),
    // A refused request has no number: the one reserved for it is never filed.
    input.number && !refused
      ? { text: `Trámite N° ${input.number}`, size: 14, bold: true, gapBefore: 8 }
      : refused
        ? { text: 'Sin número: no se presentó.', size: 10, bold: true, gapBefore: 8 }
        : { text: 'El número se asigna al enviarlo.', size: 10, bold: true, gapBefore: 8 },
    { text: `Referencia del kiosco: ${input.reference}`, size: 9 },
    {
      text: input.delivered
        ? 'Estado: Enviado'
        : refused
          ? 'Estado: No enviado'
          : 'Estado: Pendiente de envío',
      size: 11,
      bold: true,
      gapBefore: 4,
    },
    ...state(),
    { text: `Fecha: ${dateTime.format(input.submittedAt)}`, size: 9, gapBefore: 6 },
    ...(input.branch ? [{ text: branchLine(input.branch), size: 9 }] : []),
    { text: 'Adjuntos', size: 10, bold: true, gapBefore: 8 },
    ...input.attachments.map((attachment): ThermalBlock => ({
      text: `• ${attachment.title}: ${pagesLabel(attachment.pages)}`,
      size: 9,
      overflow: 'wrap',
    })),
  ];
  if (qr) {
    blocks.push(
      { image: qr, widthFraction: 0.6, gapBefore: 10 },
      {
        text: 'Escaneá el código para seguir tu trámite desde el celular.',
        size: 8,
        overflow: 'wrap',
        gapBefore: 2,
      },
    );
  }
  blocks.push({
    text: 'También lo ves en «Mis trámites» al iniciar sesión.',
    size: 8,
    overflow: 'wrap',
    gapBefore: 6,
  });
  drawThermalPage(pdf, fonts, blocks);
  return pdf.save();
}

/** "Sucursal Centro" as enrolment names it, or "Sucursal: Centro" for a bare name. */
export function branchLine(branch: string): string {
  return /^sucursal\b/i.test(branch) ? branch : `Sucursal: ${branch}`;
}

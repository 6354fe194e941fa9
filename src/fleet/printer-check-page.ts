import { PDFDocument } from '@cantoo/pdf-lib';
import type { Branding } from '../contract/index.js';
import { embedFonts } from '../documents/pdf-fonts.js';
import { drawThermalPage } from '../documents/thermal.js';
import { testPageText as say } from './messages.js';

const dateTime = new Intl.DateTimeFormat('es-AR', {
  dateStyle: 'short',
  timeStyle: 'medium',
  timeZone: 'America/Argentina/Buenos_Aires',
  hourCycle: 'h23',
});

/**
 * The staff panel's test page on the 80 mm roll: which kiosk, when, and a line with every accent
 * and ñ, so a missing font or a wrong code page shows at a glance.
 */
export async function renderTestPage(input: {
  branding: Pick<Branding, 'cooperativeName'> | null;
  kioskName: string;
  branch: string | null;
  version: string;
  printedAt: Date;
  resourcesDir: string;
}): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(say.title);
  pdf.setLanguage('es-AR');
  const fonts = await embedFonts(pdf, input.resourcesDir);
  drawThermalPage(pdf, fonts, [
    ...(input.branding ? [{ text: input.branding.cooperativeName, size: 14, bold: true }] : []),
    { text: say.title, size: 13, bold: true, gapBefore: 8 },
    { text: dateTime.format(input.printedAt), size: 10, gapBefore: 6 },
    { text: say.kiosk(input.kioskName), size: 10 },
    ...(input.branch
      ? [{ text: say.branch(input.branch), size: 10, overflow: 'wrap' as const }]
      : []),
    { text: say.version(input.version), size: 10 },
    { text: say.characters, size: 10, gapBefore: 8 },
    { text: say.ok, size: 10, bold: true, gapBefore: 8, overflow: 'wrap' },
  ]);
  return pdf.save();
}

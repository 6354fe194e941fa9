import { PDFDocument } from '@cantoo/pdf-lib';
import type { Branding, RequestType } from '../contract/index.js';
import { embedFonts } from './pdf-fonts.js';
import { drawThermalPage, type ThermalBlock } from './thermal.js';

export type ChecklistInput = {
  branding: Pick<Branding, 'cooperativeName' | 'fullName'>;
  requestType: Pick<RequestType, 'title' | 'summary' | 'requirements' | 'steps'>;
  printedAt: Date;
  branch?: string;
  resourcesDir: string;
};

const printedFormat = new Intl.DateTimeFormat('es-AR', {
  dateStyle: 'short',
  timeStyle: 'short',
  hourCycle: 'h23',
  timeZone: 'America/Argentina/Buenos_Aires',
});

/**
 * "¿Qué necesito?" on the 80 mm roll: what to bring and what the customer will be asked, in the
 * catalogue's own plain words, so nobody finds out at the kiosk that a paper is missing at home.
 */
export async function renderRequirementsChecklist(input: ChecklistInput): Promise<Uint8Array> {
  const { requestType } = input;
  const pdf = await PDFDocument.create();
  pdf.setTitle(`¿Qué necesito? - ${requestType.title}`);
  pdf.setLanguage('es-AR');
  const fonts = await embedFonts(pdf, input.resourcesDir);

  const toBring = requestType.requirements.filter((r) => r.kind !== 'signed-form');
  const toSign = requestType.requirements.filter((r) => r.kind === 'signed-form');
  const toFill = requestType.steps.filter((step) => step.kind === 'fields');
  const blocks: ThermalBlock[] = [
    { text: input.branding.cooperativeName, size: 16, bold: true },
    { text: input.branding.fullName, size: 8, overflow: 'wrap' },
    { text: '¿Qué necesito?', size: 13, bold: true, gapBefore: 10 },
    { text: requestType.title, size: 11, bold: true, overflow: 'wrap', gapBefore: 2 },
    { text: requestType.summary, size: 9, overflow: 'wrap', gapBefore: 2 },
  ];
  if (toBring.length) {
    blocks.push({ text: 'Traé estos papeles', size: 11, bold: true, gapBefore: 8 });
    for (const requirement of toBring) {
      blocks.push(
        { text: `[  ] ${requirement.title}`, size: 10, bold: true, overflow: 'wrap', gapBefore: 4 },
        { text: requirement.description, size: 9, overflow: 'wrap' },
      );
    }
    blocks.push({
      text: 'En el kiosco les sacás una foto con la cámara y te los llevás de vuelta.',
      size: 8,
      overflow: 'wrap',
      gapBefore: 4,
    });
  }
  if (toFill.length) {
    blocks.push({ text: 'Vas a completar', size: 11, bold: true, gapBefore: 8 });
    for (const step of toFill) {
      const fields = (step.fields ?? []).map((field) => field.label).join(', ');
      blocks.push({ text: `• ${step.title}: ${fields}.`, size: 9, overflow: 'wrap' });
    }
  }
  if (toSign.length) {
    blocks.push({ text: 'Vas a firmar', size: 11, bold: true, gapBefore: 8 });
    for (const requirement of toSign) {
      blocks.push({ text: `• ${requirement.title}`, size: 9, overflow: 'wrap' });
    }
    blocks.push({
      text: 'Lo completamos en la pantalla con tus datos y firmás con el dedo.',
      size: 8,
      overflow: 'wrap',
    });
  }
  blocks.push({
    text: `Impreso el ${printedFormat.format(input.printedAt)}${input.branch ? ` en ${input.branch}` : ''}.`,
    size: 7,
    gapBefore: 8,
  });
  drawThermalPage(pdf, fonts, blocks);
  return pdf.save();
}

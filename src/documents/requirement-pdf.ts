import { PDFDocument } from '@cantoo/pdf-lib';
import { imageTypeOf } from './images.js';
import { setDocumentInfo } from './pdf-fonts.js';

/** A4 portrait in points, with a 10 mm margin: what the cooperative's staff print and file. */
const a4 = { width: (210 / 25.4) * 72, height: (297 / 25.4) * 72 };
const margin = (10 / 25.4) * 72;

export type RequirementPdfInput = {
  /** The requirement's title ("DNI del titular"): the PDF's title. */
  requirementTitle: string;
  /** The request type's title ("Solicitud Alta Energía"): the PDF's subject. */
  requestTitle: string;
  /** The cooperative's name: the PDF's author. */
  author: string;
  /** Fixed by the caller so the same pages always make the same bytes (and the same hash). */
  createdAt: Date;
  /** Checked JPEG or PNG photos, in order; one A4 page each. */
  pages: readonly Uint8Array[];
};

/**
 * All the photos of one requirement as ONE PDF: each photo fitted inside the margins of an A4 page,
 * centred, never enlarged past its own pixels at 150 dpi (a small photo stays legible, not blurry).
 * The JPEG bytes are embedded as they are, so the PDF weighs about the sum of the photos.
 */
export async function assembleRequirementPdf(input: RequirementPdfInput): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  setDocumentInfo(pdf, {
    title: input.requirementTitle,
    subject: input.requestTitle,
    author: input.author,
    createdAt: input.createdAt,
  });

  for (const bytes of input.pages) {
    const type = imageTypeOf(bytes);
    if (!type) throw new Error('assembleRequirementPdf: a page is neither JPEG nor PNG');
    const image = type === 'jpeg' ? await pdf.embedJpg(bytes) : await pdf.embedPng(bytes);
    const page = pdf.addPage([a4.width, a4.height]);
    const naturalWidth = (image.width / 150) * 72;
    const naturalHeight = (image.height / 150) * 72;
    const scale = Math.min(
      (a4.width - 2 * margin) / naturalWidth,
      (a4.height - 2 * margin) / naturalHeight,
      1,
    );
    const width = naturalWidth * scale;
    const height = naturalHeight * scale;
    page.drawImage(image, {
      x: (a4.width - width) / 2,
      y: (a4.height - height) / 2,
      width,
      height,
    });
  }
  return pdf.save();
}

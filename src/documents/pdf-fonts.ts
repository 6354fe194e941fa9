import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fontkit from '@cantoo/fontkit';
import type { PDFDocument, PDFFont } from '@cantoo/pdf-lib';

/** The app's `resources/` folder (the same relative place from src/ and from the built main). */
export const defaultResourcesDir = fileURLToPath(new URL('../../resources/', import.meta.url));

export type DocumentFonts = { regular: PDFFont; bold: PDFFont };

/**
 * Noto Sans, embedded and subset: the standard PDF fonts are WinAnsi only, and a customer's name
 * or address may carry any letter.
 */
export async function embedFonts(pdf: PDFDocument, resourcesDir: string): Promise<DocumentFonts> {
  pdf.registerFontkit(fontkit);
  const [regular, bold] = await Promise.all(
    ['NotoSans-Regular.ttf', 'NotoSans-Bold.ttf'].map((file) =>
      readFile(path.join(resourcesDir, 'fonts', file)),
    ),
  );
  return {
    regular: await pdf.embedFont(regular!, { subset: true }),
    bold: await pdf.embedFont(bold!, { subset: true }),
  };
}

/** The document's properties a PDF reader shows, and dates fixed by the caller (same bytes). */
export function setDocumentInfo(
  pdf: PDFDocument,
  info: { title: string; author: string; createdAt: Date; subject?: string },
) {
  pdf.setTitle(info.title);
  if (info.subject) pdf.setSubject(info.subject);
  pdf.setAuthor(info.author);
  pdf.setCreator('Ventanilla');
  pdf.setProducer('Ventanilla');
  pdf.setLanguage('es-AR');
  pdf.setCreationDate(info.createdAt);
  pdf.setModificationDate(info.createdAt);
}

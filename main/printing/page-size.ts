import { PDFDocument } from '@cantoo/pdf-lib';

/** The roll's width in microns, the unit of `webContents.print({ pageSize })`. */
export const ROLL_WIDTH_MICRONS = 80_000;

const micronsPerPoint = 25_400 / 72;

/** Electron refuses page sizes under 353 microns a side. */
const minimumMicrons = 353;

export type PageSizeMicrons = { width: number; height: number };

/**
 * The page size to print `pdf` on the 80 mm roll: always 80 mm wide, as tall as the document's
 * tallest page once scaled to that width. A receipt drawn at 80 mm keeps its own height; an A4
 * form keeps its proportions. Without an explicit size, silent printing uses A4
 * (electron/electron #49374) and shrinks the receipt into a corner.
 */
export async function rollPageSize(pdf: Uint8Array): Promise<PageSizeMicrons> {
  const document = await PDFDocument.load(pdf, { updateMetadata: false });
  const pages = document.getPages();
  if (pages.length === 0) throw new Error('El PDF no tiene páginas');
  let tallest = 0;
  for (const page of pages) {
    const { width, height } = page.getSize();
    if (width <= 0 || height <= 0) throw new Error('El PDF tiene una página sin tamaño');
    tallest = Math.max(tallest, (height / width) * ROLL_WIDTH_MICRONS);
  }
  return { width: ROLL_WIDTH_MICRONS, height: Math.max(minimumMicrons, Math.round(tallest)) };
}

/** A page's size in microns, as drawn (for tests and diagnostics). */
export function pointsToMicrons(points: number): number {
  return Math.round(points * micronsPerPoint);
}

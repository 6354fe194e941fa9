import { rgb, type PDFDocument, type PDFImage } from '@cantoo/pdf-lib';
import type { DocumentFonts } from './pdf-fonts.js';

/** An 80 mm thermal roll: 80 mm wide (in points), with 4 mm margins either side. */
export const thermalPageWidth = (80 / 25.4) * 72;
export const thermalMargin = (4 / 25.4) * 72;
const contentWidth = thermalPageWidth - 2 * thermalMargin;
const black = rgb(0, 0, 0);

export type ThermalLine = {
  text: string;
  size: number;
  bold?: boolean;
  gapBefore?: number;
  /** Too long for the roll: `shrink` to one line (a number, an address) or `wrap` into several. */
  overflow?: 'shrink' | 'wrap';
};
/** An image across the roll's width, or `widthFraction` of it, centred. */
export type ThermalImage = { image: PDFImage; widthFraction?: number; gapBefore?: number };
export type ThermalBlock = ThermalLine | ThermalImage;

/**
 * Lays blocks out top to bottom on one page exactly as tall as its content: a roll has no page
 * height, and a fixed one would waste paper or cut the receipt.
 */
export function drawThermalPage(pdf: PDFDocument, fonts: DocumentFonts, blocks: ThermalBlock[]) {
  const laidOut = blocks.flatMap((block): ThermalBlock[] =>
    'image' in block ? [block] : wrapLine(block, fonts),
  );
  const heightOf = (block: ThermalBlock) =>
    (block.gapBefore ?? 0) + ('image' in block ? imageSize(block).height : block.size * 1.35);
  const pageHeight = thermalMargin * 2 + laidOut.reduce((sum, b) => sum + heightOf(b), 0);
  const page = pdf.addPage([thermalPageWidth, pageHeight]);

  let y = pageHeight - thermalMargin;
  for (const block of laidOut) {
    y -= heightOf(block);
    if ('image' in block) {
      const { width, height } = imageSize(block);
      page.drawImage(block.image, { x: (thermalPageWidth - width) / 2, y, width, height });
      continue;
    }
    const font = block.bold ? fonts.bold : fonts.regular;
    const width = font.widthOfTextAtSize(block.text, block.size);
    const size = width > contentWidth ? (block.size * contentWidth) / width : block.size;
    page.drawText(block.text, {
      x: thermalMargin,
      y: y + block.size * 0.3,
      size,
      font,
      color: black,
    });
  }
  return page;
}

function imageSize(block: ThermalImage) {
  const width = contentWidth * (block.widthFraction ?? 1);
  return { width, height: (block.image.height / block.image.width) * width };
}

/** Splits a `wrap` line at spaces into lines that fit; a single long word is left to shrink. */
function wrapLine(line: ThermalLine, fonts: DocumentFonts): ThermalLine[] {
  if (line.overflow !== 'wrap') return [line];
  const font = line.bold ? fonts.bold : fonts.regular;
  const fits = (text: string) => font.widthOfTextAtSize(text, line.size) <= contentWidth;
  const lines: ThermalLine[] = [];
  let current = '';
  for (const word of line.text.split(/\s+/)) {
    const candidate = current ? `${current} ${word}` : word;
    if (current && !fits(candidate)) {
      lines.push({ ...line, text: current, ...(lines.length > 0 && { gapBefore: 0 }) });
      current = word;
    } else {
      current = candidate;
    }
  }
  lines.push({ ...line, text: current, ...(lines.length > 0 && { gapBefore: 0 }) });
  return lines;
}

import type { PDFNumber } from '@cantoo/pdf-lib';
import { PDFDocument, PDFName, PDFRawStream, decodePDFRawStream } from '@cantoo/pdf-lib';
import { PNG } from 'pngjs';

export type PdfImage = {
  width: number;
  height: number;
  kind: 'jpeg' | 'pixels';
  bytes: Uint8Array;
};

/**
 * The images embedded in a PDF: JPEGs as their own bytes, other images re-encoded as PNG (so a
 * test can decode a QR code that was drawn into the PDF, not the PNG it was drawn from).
 */
export async function pdfImages(bytes: Uint8Array): Promise<PdfImage[]> {
  const pdf = await PDFDocument.load(bytes);
  const images: PdfImage[] = [];
  for (const [, object] of pdf.context.enumerateIndirectObjects()) {
    if (!(object instanceof PDFRawStream)) continue;
    const dict = object.dict;
    if (dict.get(PDFName.of('Subtype')) !== PDFName.of('Image')) continue;
    if (isSoftMask(pdf, object)) continue;
    const width = (dict.get(PDFName.of('Width')) as PDFNumber).asNumber();
    const height = (dict.get(PDFName.of('Height')) as PDFNumber).asNumber();
    if (dict.get(PDFName.of('Filter')) === PDFName.of('DCTDecode')) {
      images.push({ width, height, kind: 'jpeg', bytes: object.contents });
      continue;
    }
    const pixels = decodePDFRawStream(object).decode();
    const channels = pixels.length / (width * height);
    const png = new PNG({ width, height });
    for (let i = 0; i < width * height; i++) {
      const grey = channels === 1;
      png.data[i * 4] = pixels[i * channels]!;
      png.data[i * 4 + 1] = pixels[i * channels + (grey ? 0 : 1)]!;
      png.data[i * 4 + 2] = pixels[i * channels + (grey ? 0 : 2)]!;
      png.data[i * 4 + 3] = 255;
    }
    images.push({ width, height, kind: 'pixels', bytes: new Uint8Array(PNG.sync.write(png)) });
  }
  return images;
}

/** An alpha channel stored as its own image: referenced as another image's SMask. */
function isSoftMask(pdf: PDFDocument, stream: PDFRawStream): boolean {
  const ref = pdf.context.getObjectRef(stream);
  return pdf.context
    .enumerateIndirectObjects()
    .some(
      ([, other]) =>
        other instanceof PDFRawStream &&
        ref !== undefined &&
        other.dict.get(PDFName.of('SMask')) === ref,
    );
}

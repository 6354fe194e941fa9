import { toBuffer } from 'bwip-js/node';
import { writeCamera } from './camera-frame.js';

export interface DniCardOptions {
  /**
   * Latin-1 bytes in the symbol (as on the cards), instead of bwip-js's default UTF-8: the reader
   * must give back the same text either way.
   */
  latin1?: boolean;
}

/** A PNG of the PDF417 alone, sharp-edged, with its quiet zone. */
export function dniBarcodePng(payload: string, options: DniCardOptions = {}): Promise<Buffer> {
  return toBuffer({
    bcid: 'pdf417',
    text: payload,
    binarytext: options.latin1 ?? false,
    scaleX: 3,
    scaleY: 3,
    paddingwidth: 10,
    paddingheight: 10,
    backgroundcolor: 'FFFFFF',
  });
}

/** The card PNG and the fake-camera video of a DNI-like card carrying `payload` in a PDF417. */
export async function writeDniCamera(
  payload: string,
  dir: string,
  options: DniCardOptions = {},
): Promise<{ png: string; y4m: string }> {
  // 85.6 × 54 mm, filling about the scanner's guide frame.
  const card = {
    width: 920,
    height: 580,
    paper: '0xf1f5f9',
    band: '0x9cc3e6',
    lines: [
      { text: 'REPÚBLICA ARGENTINA - MERCOSUR', size: 30 },
      { text: 'DOCUMENTO NACIONAL DE IDENTIDAD', size: 26 },
    ],
    barcodeTop: 150,
  };
  return writeCamera(card, await dniBarcodePng(payload, options), dir, 'dni-card');
}

import { toBuffer } from 'bwip-js/node';
import { writeCamera } from './camera-frame.js';

/** Interleaved 2 of 5, as billing systems print numbers; Code 128 reads as well. */
export type InvoiceSymbology = 'interleaved2of5' | 'code128';

/** The fake-camera video of an invoice's corner with `number` in a barcode, under `dir`. */
export async function writeInvoiceCamera(
  number: string,
  dir: string,
  bcid: InvoiceSymbology = 'interleaved2of5',
): Promise<{ png: string; y4m: string }> {
  const barcode = await toBuffer({
    bcid,
    text: number,
    scale: 4,
    height: 18,
    paddingwidth: 24,
    paddingheight: 12,
    backgroundcolor: 'FFFFFF',
  });
  const invoice = {
    width: 940,
    height: 560,
    paper: '0xffffff',
    band: '0xdbe7f5',
    lines: [
      { text: 'COPELCO - FACTURA', size: 32 },
      { text: `Suministro N. ${number}`, size: 28 },
    ],
    barcodeTop: 190,
  };
  return writeCamera(invoice, barcode, dir, 'invoice');
}

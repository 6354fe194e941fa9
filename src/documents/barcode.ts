import bwipjs from 'bwip-js/node';

/**
 * The payment barcode as a PNG. Argentine payment barcodes are Interleaved 2 of 5, which needs an
 * even number of digits; anything else is drawn as Code 128 so it still scans.
 */
export async function paymentBarcodePng(digits: string): Promise<Buffer> {
  const interleaved = /^\d+$/.test(digits) && digits.length % 2 === 0;
  return bwipjs.toBuffer({
    bcid: interleaved ? 'interleaved2of5' : 'code128',
    text: digits,
    scale: 3,
    height: 14,
    includetext: false,
    // Scanners need a quiet zone either side and an opaque background.
    paddingwidth: 12,
    paddingheight: 2,
    backgroundcolor: 'FFFFFF',
  });
}

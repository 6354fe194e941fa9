/// <reference types="vite/client" />
import {
  prepareZXingModule,
  readBarcodes,
  type ReaderOptions,
  type ReadInputBarcodeFormat,
} from 'zxing-wasm/reader';
// The app's own copy of the wasm: zxing-wasm would fetch it from a CDN otherwise.
import readerWasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';

/** What the kiosk reads: the PDF417 of a DNI, or the codes printed on an invoice. */
export type BarcodePurpose = 'dni' | 'invoice';

const formatsFor: Record<BarcodePurpose, ReadInputBarcodeFormat[]> = {
  dni: ['PDF417'],
  invoice: ['Code128', 'ITF', 'QRCode'],
};

let prepared: Promise<unknown> | null = null;

/** Loads the reader's wasm from the app (once); resolves when it is ready to read. */
export function prepareBarcodeReader(): Promise<unknown> {
  prepared ??= prepareZXingModule({
    overrides: {
      locateFile: (path: string, prefix: string) =>
        path.endsWith('.wasm') ? new URL(readerWasmUrl, document.baseURI).href : prefix + path,
    },
    fireImmediately: true,
  }).catch((error: unknown) => {
    prepared = null;
    throw error;
  });
  return prepared;
}

export interface BarcodeReader {
  /** The text of the first barcode found in the frame, or null. */
  read(frame: ImageData): Promise<string | null>;
}

export function createBarcodeReader(purpose: BarcodePurpose = 'dni'): BarcodeReader {
  const options: ReaderOptions = {
    formats: formatsFor[purpose],
    tryHarder: true,
    tryRotate: true,
    tryInvert: false,
    maxNumberOfSymbols: 1,
  };
  return {
    async read(frame) {
      await prepareBarcodeReader();
      const results = await readBarcodes(frame, options);
      const found = results.find((result) => result.isValid && result.text !== '');
      return found ? found.text : null;
    },
  };
}

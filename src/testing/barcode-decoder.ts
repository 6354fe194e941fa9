import { createRequire } from 'node:module';
import { readFile } from 'node:fs/promises';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';

const require = createRequire(import.meta.url);
let ready: Promise<unknown> | null = null;

/** Reads the barcodes in a PNG with the same reader the kiosk's camera uses (local wasm). */
export async function decodeBarcodes(png: Uint8Array): Promise<{ format: string; text: string }[]> {
  ready ??= readFile(require.resolve('zxing-wasm/reader/zxing_reader.wasm')).then((wasm) =>
    prepareZXingModule({
      overrides: {
        wasmBinary: wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength),
      },
      fireImmediately: true,
    }),
  );
  await ready;
  const results = await readBarcodes(new Blob([png.slice()]), { tryHarder: true });
  return results.map((result) => ({ format: result.format, text: result.text }));
}

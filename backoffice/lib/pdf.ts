import { GlobalWorkerOptions, getDocument, type PDFDocumentProxy } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

// The worker is one of the back office's own files: nothing is fetched from elsewhere.
GlobalWorkerOptions.workerSrc = workerUrl;

/** Opens a PDF's bytes with pdf.js (no eval, no fetching of fonts or scripts). */
export function openPdf(bytes: ArrayBuffer): Promise<PDFDocumentProxy> {
  return getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    enableXfa: false,
    disableAutoFetch: true,
  }).promise;
}

/** Paints one page into a canvas `width` CSS pixels wide (sharp on high-density screens). */
export async function paintPage(
  pdf: PDFDocumentProxy,
  pageNumber: number,
  canvas: HTMLCanvasElement,
  width: number,
): Promise<void> {
  const page = await pdf.getPage(pageNumber);
  const unscaled = page.getViewport({ scale: 1 });
  const density = window.devicePixelRatio || 1;
  const viewport = page.getViewport({ scale: (width / unscaled.width) * density });
  canvas.width = Math.floor(viewport.width);
  canvas.height = Math.floor(viewport.height);
  canvas.style.width = `${width}px`;
  canvas.style.height = `${Math.floor(viewport.height / density)}px`;
  await page.render({ canvas, viewport }).promise;
  page.cleanup();
}

import { PDFDocument } from '@cantoo/pdf-lib';
import { pdfMagic } from '../../src/contract/index.js';

export type Sniffed = 'pdf' | 'jpeg' | 'png' | 'html' | 'unknown';

/**
 * What a file is by its first bytes, whatever its name says: only PDFs are attachments. The
 * other kinds are named so the refusal says what was sent instead (a photo not converted, a web
 * page saved with a .pdf name).
 */
export function sniff(head: Buffer): Sniffed {
  if (head.subarray(0, pdfMagic.length).toString('latin1') === pdfMagic) return 'pdf';
  if (head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'jpeg';
  if (head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) {
    return 'png';
  }
  const text = head.subarray(0, 512).toString('latin1').trimStart().toLowerCase();
  if (text.startsWith('<!doctype html') || text.startsWith('<html')) return 'html';
  return 'unknown';
}

/**
 * Pages of a PDF, or null when it cannot be read as one: the page count is what a requirement's
 * minPages..maxPages is checked against. Encrypted PDFs are counted too (their pages are
 * readable without the password).
 */
export async function countPdfPages(bytes: Buffer): Promise<number | null> {
  try {
    const document = await PDFDocument.load(bytes, {
      ignoreEncryption: true,
      updateMetadata: false,
      throwOnInvalidObject: true,
    });
    const pages = document.getPageCount();
    return pages > 0 ? pages : null;
  } catch {
    return null;
  }
}

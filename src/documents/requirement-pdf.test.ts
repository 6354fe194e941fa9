import { PDFDocument } from '@cantoo/pdf-lib';
import { describe, expect, it } from 'vitest';
import { pdfImages } from '../testing/pdf-images.js';
import { pdfPageSizesMm } from '../testing/pdf-text.js';
import {
  documentPhoto,
  encodeJpeg,
  motionBlur,
  signaturePng,
} from '../testing/synthetic-photos.js';
import { ImageRefused, checkPhoto, checkSignature, imageTypeOf } from './images.js';
import { assembleRequirementPdf } from './requirement-pdf.js';

const front = encodeJpeg(documentPhoto(1280, 808, 1));
const back = encodeJpeg(documentPhoto(1280, 808, 2));

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof ImageRefused) return error.reason;
    throw error;
  }
  return 'accepted';
}

describe('photos of a requirement', () => {
  it('knows a JPEG and a PNG by their first bytes, whatever else the file claims', () => {
    expect(imageTypeOf(front)).toBe('jpeg');
    expect(imageTypeOf(signaturePng())).toBe('png');
    expect(imageTypeOf(new TextEncoder().encode('%PDF-1.7'))).toBeNull();
    expect(imageTypeOf(new Uint8Array([0xff, 0xd8]))).toBeNull();
  });

  it('refuses what is not a photo, a truncated JPEG, a huge or a tiny one', () => {
    expect(refusal(() => checkPhoto(new TextEncoder().encode('GIF89a......')))).toBe(
      'not_an_image',
    );
    expect(refusal(() => checkPhoto(front.slice(0, 2000)))).toBe('unreadable');
    const big = new Uint8Array(5 * 1024 * 1024);
    big.set(front.slice(0, 3));
    expect(refusal(() => checkPhoto(big))).toBe('too_large');
    expect(refusal(() => checkPhoto(encodeJpeg(documentPhoto(200, 120))))).toBe('too_small');
    expect(refusal(() => checkSignature(front))).toBe('not_an_image');
  });

  it('accepts a compressed DNI side under 300 KB and says whether it is sharp', () => {
    expect(front.byteLength).toBeLessThan(300 * 1024);
    const sharp = checkPhoto(front);
    expect(sharp).toMatchObject({ type: 'jpeg', width: 1280, height: 808 });
    expect(sharp.quality.ok).toBe(true);
    const moved = checkPhoto(encodeJpeg(motionBlur(documentPhoto(1280, 808, 1), 30)));
    expect(moved.quality.problems).toEqual(['blurry']);
  });

  it('puts every page of a requirement in one A4 PDF, titled, the photos as they came', async () => {
    const pdf = await assembleRequirementPdf({
      requirementTitle: 'DNI del titular',
      requestTitle: 'Solicitud Alta Energía',
      author: 'COPELCO',
      createdAt: new Date('2026-11-28T15:00:00Z'),
      pages: [front, back],
    });
    const sizes = await pdfPageSizesMm(pdf);
    expect(sizes).toHaveLength(2);
    expect(sizes[0]?.width).toBeCloseTo(210, 0);
    expect(sizes[0]?.height).toBeCloseTo(297, 0);
    const loaded = await PDFDocument.load(pdf);
    expect(loaded.getTitle()).toBe('DNI del titular');
    expect(loaded.getSubject()).toBe('Solicitud Alta Energía');
    const images = await pdfImages(pdf);
    expect(images.map((image) => image.kind)).toEqual(['jpeg', 'jpeg']);
    expect(Buffer.from(images[0]!.bytes).equals(Buffer.from(front))).toBe(true);
    // About the photos' own weight: nothing is re-encoded.
    expect(pdf.byteLength).toBeLessThan(front.byteLength + back.byteLength + 8 * 1024);
  });
});

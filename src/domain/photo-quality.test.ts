import { describe, expect, it } from 'vitest';
import { darken, documentPhoto, motionBlur } from '../testing/synthetic-photos.js';
import {
  analysisWidth,
  laplacianVariance,
  luminanceFromRgba,
  meanLuminance,
  photoQuality,
} from './photo-quality.js';

const page = documentPhoto(960, 640);
const measure = (image: { width: number; height: number; data: Uint8Array }) =>
  photoQuality(luminanceFromRgba(image.data, image.width, image.height));

describe('photo quality', () => {
  it('measures at the analysis width, keeping the aspect ratio and the light', () => {
    const grey = luminanceFromRgba(page.data, page.width, page.height);
    expect(grey.width).toBe(analysisWidth);
    expect(grey.height).toBe(320);
    const white = new Uint8Array(40 * 30 * 4).fill(255);
    expect(meanLuminance(luminanceFromRgba(white, 40, 30))).toBe(255);
  });

  it('passes a sharp, well-lit page', () => {
    const verdict = measure(page);
    expect(verdict).toMatchObject({ ok: true, problems: [], messages: [] });
    expect(verdict.sharpness).toBeGreaterThan(500);
  });

  it('asks to retake a moved photo, in Spanish', () => {
    const verdict = measure(motionBlur(page, 24));
    expect(verdict.problems).toEqual(['blurry']);
    expect(verdict.messages[0]).toMatch(/^La foto salió movida/);
    // A shake of a fraction of a letter still reads fine.
    expect(measure(motionBlur(page, 2)).ok).toBe(true);
  });

  it('asks for more light when the page is dark, and blames the light rather than the hand', () => {
    const verdict = measure(darken(page, 0.2));
    expect(verdict.problems).toEqual(['dark']);
    expect(verdict.messages[0]).toMatch(/^La foto está muy oscura/);
  });

  it('finds no edges in a flat image', () => {
    const flat = { width: 10, height: 10, data: new Uint8Array(100).fill(128) };
    expect(laplacianVariance(flat)).toBe(0);
    expect(laplacianVariance({ width: 2, height: 2, data: new Uint8Array(4) })).toBe(0);
  });
});

import { PDFDocument } from '@cantoo/pdf-lib';
import { describe, expect, it, vi } from 'vitest';
import { ROLL_WIDTH_MICRONS, pointsToMicrons, rollPageSize } from './page-size.js';

vi.mock('electron', () => ({}));

const mm = (value: number) => (value / 25.4) * 72;

async function pdfWithPages(...sizes: [number, number][]): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  for (const size of sizes) pdf.addPage(size);
  return pdf.save();
}

describe('rollPageSize', () => {
  it('is 80 mm wide and as tall as a receipt drawn on the roll', async () => {
    const size = await rollPageSize(await pdfWithPages([mm(80), mm(153.5)]));
    expect(size.width).toBe(80_000);
    expect(size.height).toBeCloseTo(153_500, -1);
  });

  it('keeps the proportions of a page drawn at another width (an A4 form)', async () => {
    const size = await rollPageSize(await pdfWithPages([mm(210), mm(297)]));
    expect(size).toEqual({ width: ROLL_WIDTH_MICRONS, height: Math.round((297 / 210) * 80_000) });
  });

  it('fits the tallest page of a document with several', async () => {
    const size = await rollPageSize(await pdfWithPages([mm(80), mm(100)], [mm(80), mm(240)]));
    expect(size.height).toBeCloseTo(240_000, -1);
  });

  it('never goes under what Electron accepts', async () => {
    const size = await rollPageSize(await pdfWithPages([mm(80), 0.1]));
    expect(size.height).toBeGreaterThanOrEqual(353);
  });

  it('refuses what is not a PDF', async () => {
    await expect(rollPageSize(new TextEncoder().encode('hola'))).rejects.toThrow();
  });

  it('converts points to microns', () => {
    expect(pointsToMicrons(72)).toBe(25_400);
  });
});

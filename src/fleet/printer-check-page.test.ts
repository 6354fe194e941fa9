import { describe, expect, it } from 'vitest';
import { defaultResourcesDir } from '../documents/pdf-fonts.js';
import { pdfPageSizesMm, pdfText } from '../testing/pdf-text.js';
import { testPageText } from './messages.js';
import { renderTestPage } from './printer-check-page.js';

describe('the staff test page', () => {
  it('is one 80 mm page naming the kiosk, with every accent and ñ', async () => {
    const pdf = await renderTestPage({
      branding: { cooperativeName: 'COPELCO' },
      kioskName: '3F2A9B',
      branch: 'Sucursal Centro',
      version: '1.4.0',
      printedAt: new Date('2026-03-02T12:00:00.000Z'),
      resourcesDir: defaultResourcesDir,
    });
    const [size, ...more] = await pdfPageSizesMm(pdf);
    expect(more).toEqual([]);
    expect(size?.width).toBeCloseTo(80, 1);
    const text = (await pdfText(pdf)).join('\n');
    for (const line of ['COPELCO', 'Kiosco 3F2A9B', 'Sucursal Centro', 'Versión 1.4.0', '2/3/26']) {
      expect(text).toContain(line);
    }
    expect(text.replace(/\s+/g, ' ')).toContain(testPageText.characters);
  });
});

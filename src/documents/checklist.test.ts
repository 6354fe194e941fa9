import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { RequestType } from '../contract/index.js';
import { pdfPageSizesMm, pdfText } from '../testing/pdf-text.js';
import { renderRequirementsChecklist } from './checklist.js';
import { defaultResourcesDir } from './pdf-fonts.js';

const requestTypes = z
  .array(RequestType)
  .parse(JSON.parse(readFileSync(`${defaultResourcesDir}/catalog/request-types.json`, 'utf8')));

function render(id: string) {
  const requestType = requestTypes.find((type) => type.id === id);
  if (!requestType) throw new Error(`no request type ${id}`);
  return renderRequirementsChecklist({
    branding: { cooperativeName: 'COPELCO', fullName: 'Cooperativa COPELCO Ltda.' },
    requestType,
    printedAt: new Date('2026-11-28T18:05:00Z'),
    branch: 'Sucursal Centro',
    resourcesDir: defaultResourcesDir,
  });
}

describe('"¿Qué necesito?" on paper', () => {
  it.each(requestTypes.map((type) => type.id))(
    'lists every requirement of %s in the catalogue’s words, on the 80 mm roll',
    async (id) => {
      const requestType = requestTypes.find((type) => type.id === id)!;
      const pdf = await render(id);
      const [size] = await pdfPageSizesMm(pdf);
      expect(size?.width).toBeCloseTo(80, 1);
      const text = (await pdfText(pdf)).join(' ').replace(/\s+/g, ' ');
      expect(text).toContain('¿Qué necesito?');
      expect(text).toContain(requestType.title);
      for (const requirement of requestType.requirements) {
        expect(text).toContain(requirement.title);
      }
      // Wrapped descriptions keep every word: the last one of each is on the page.
      for (const requirement of requestType.requirements.filter((r) => r.kind !== 'signed-form')) {
        const lastWord = requirement.description.split(/\s+/).at(-1)!;
        expect(text).toContain(lastWord);
      }
    },
  );

  it('says what is brought, what is typed and what is signed, with the branch and a 24-hour time', async () => {
    const text = (await pdfText(await render('alta-energia'))).join(' ').replace(/\s+/g, ' ');
    expect(text).toContain('Traé estos papeles');
    expect(text).toContain('Vas a completar');
    expect(text).toContain('Datos del titular: Nombre, Apellido');
    expect(text).toContain('Vas a firmar');
    expect(text).toContain('Impreso el 28/11/26, 15:05 en Sucursal Centro.');
  });
});

import { readdirSync } from 'node:fs';
import path from 'node:path';
import { PDFDocument } from '@cantoo/pdf-lib';
import { describe, expect, it } from 'vitest';
import requestTypes from '../../resources/catalog/request-types.json' with { type: 'json' };
import { pdfImages } from '../testing/pdf-images.js';
import { pdfText } from '../testing/pdf-text.js';
import { signaturePng } from '../testing/synthetic-photos.js';
import { fillForm, formFieldNames } from './forms.js';
import { defaultResourcesDir } from './pdf-fonts.js';

const fill = (values: Record<string, string>, signature?: Uint8Array) =>
  fillForm({
    resourcesDir: defaultResourcesDir,
    template: 'alta-energia.pdf',
    values,
    ...(signature && { signaturePng: signature }),
    title: 'Formulario de solicitud firmado',
    author: 'COPELCO',
    createdAt: new Date('2026-11-28T15:00:00Z'),
  });

describe('form templates and filling', () => {
  it('has one template per signed form of the catalogue, with a field per step field', async () => {
    const files = readdirSync(path.join(defaultResourcesDir, 'forms'));
    for (const type of requestTypes) {
      for (const requirement of type.requirements.filter((r) => r.kind === 'signed-form')) {
        expect(files).toContain(requirement.formTemplate);
        const template = await PDFDocument.load(
          await import('node:fs/promises').then((fs) =>
            fs.readFile(path.join(defaultResourcesDir, 'forms', requirement.formTemplate!)),
          ),
        );
        const names = template
          .getForm()
          .getFields()
          .map((field) => field.getName());
        const fieldIds = type.steps.flatMap((step) => step.fields ?? []).map((field) => field.id);
        // The supply's number and address only on the forms of requests about a supply.
        const supplyFields: string[] = [formFieldNames.supplyNumber, formFieldNames.supplyAddress];
        const expected = Object.values(formFieldNames).filter(
          (name) => type.needsActiveEnergySupply || !supplyFields.includes(name),
        );
        expect(names).toEqual(expect.arrayContaining([...fieldIds, ...expected]));
        expect(names.some((name) => supplyFields.includes(name))).toBe(
          type.needsActiveEnergySupply,
        );
      }
    }
  });

  it('fills accented text with the embedded font, draws the signature and flattens', async () => {
    const pdf = await fill(
      {
        [formFieldNames.customerName]: 'María Ñúñez Güemes',
        [formFieldNames.customerDocument]: 'DNI 20.345.678',
        street: 'Pasaje Ángel Peñaloza',
        locality: 'Colón',
        category: 'Residencial (vivienda)',
        [formFieldNames.signedOn]: '28/11/2026',
        unknownField: 'ignored',
      },
      signaturePng(),
    );
    const [text] = await pdfText(pdf);
    expect(text).toContain('María Ñúñez Güemes');
    expect(text).toContain('Pasaje Ángel Peñaloza');
    expect(text).toContain('Residencial (vivienda)');
    expect(text).toContain('Firma del titular');
    const loaded = await PDFDocument.load(pdf);
    expect(loaded.getForm().getFields()).toHaveLength(0);
    expect((await pdfImages(pdf)).length).toBeGreaterThanOrEqual(1);
  });

  it('prints a blank form to sign on paper: no values, no signature, no fields', async () => {
    const pdf = await fill({});
    const [text] = await pdfText(pdf);
    expect(text).toContain('Solicitud Alta Energía');
    expect(text).toContain('Nombre y apellido');
    expect(await pdfImages(pdf)).toEqual([]);
    expect((await PDFDocument.load(pdf)).getForm().getFields()).toHaveLength(0);
  });

  it('refuses a template name that leaves resources/forms', async () => {
    await expect(
      fillForm({
        resourcesDir: defaultResourcesDir,
        template: '../catalog/request-types.json',
        values: {},
        title: 't',
        author: 'a',
        createdAt: new Date(),
      }),
    ).rejects.toThrow(/not allowed/);
  });
});

import { describe, expect, it } from 'vitest';
import {
  answerPageRange,
  displayFieldValue,
  missingFieldMessage,
  pageRange,
  pagesProblem,
  validateFieldValue,
  type FieldRule,
  type PageRule,
} from './request-fields.js';

const field = (type: FieldRule['type'], extra: Partial<FieldRule> = {}): FieldRule => ({
  id: 'x',
  label: 'Dato',
  type,
  required: true,
  ...extra,
});
const category = field('select', {
  label: 'Categoría',
  options: [{ value: 'residencial', label: 'Residencial (vivienda)' }],
});
const member = {
  name: 'Ana Gómez',
  documentType: 'DNI',
  documentNumber: '45.123.456',
  birthDate: '2012-04-03',
  relationship: 'Hija',
};

describe('request fields', () => {
  it('checks each value by its type, and lets an empty optional field be', () => {
    expect(validateFieldValue(field('text'), 'Colón')).toBeNull();
    expect(validateFieldValue(field('text'), '')).toBeNull();
    expect(validateFieldValue(field('date'), '2026-02-30')).toMatch(/Revisá la fecha/);
    expect(validateFieldValue(category, 'industrial')).toBe('Elegí una opción de «Categoría».');
    expect(validateFieldValue(field('document'), '12')).toMatch(/de 7 a 8 números/);
    expect(validateFieldValue(field('phone'), '03447 15-123456')).toBeNull();
    expect(validateFieldValue(field('email'), 'no-es-correo')).toMatch(/Revisá el correo/);
    expect(validateFieldValue(field('members'), [member])).toBeNull();
    expect(validateFieldValue(field('members'), [{ ...member, birthDate: 'ayer' }])).toBe(
      'Persona 1: revisá la fecha de nacimiento.',
    );
  });

  it('says what is missing in the words of the screen', () => {
    expect(missingFieldMessage(field('text', { label: 'Calle' }), ' ')).toBe('Completá «Calle».');
    expect(missingFieldMessage(category, undefined)).toBe('Elegí «Categoría».');
    expect(missingFieldMessage(field('text', { required: false }), undefined)).toBeNull();
  });

  it('shows values as people read them', () => {
    expect(displayFieldValue(category, 'residencial')).toBe('Residencial (vivienda)');
    expect(displayFieldValue(field('date'), '1985-04-12')).toBe('12/04/1985');
    expect(displayFieldValue(field('members'), [member])).toBe(
      'Ana Gómez — DNI 45.123.456 — 03/04/2012 — Hija',
    );
  });

  it("asks for two sides of each family member's DNI: none for 0 members, 2 for 1, 10 for 5", () => {
    const membersDni: PageRule = {
      title: 'DNI de los integrantes',
      kind: 'dni-photo',
      minPages: 0,
      maxPages: 40,
      pagesPerEntry: { stepId: 'family-group', fieldId: 'members', pages: 2 },
    };
    const family = (count: number) => ({
      'family-group': { members: Array.from({ length: count }, () => member) },
    });
    expect(pageRange(membersDni, {})).toEqual({ min: 0, max: 0 });
    expect(pageRange(membersDni, family(0))).toEqual({ min: 0, max: 0 });
    expect(pageRange(membersDni, family(1))).toEqual({ min: 2, max: 2 });
    expect(pageRange(membersDni, family(5))).toEqual({ min: 10, max: 10 });

    expect(pagesProblem(membersDni, pageRange(membersDni, family(0)), 0)).toBeNull();
    expect(pagesProblem(membersDni, pageRange(membersDni, family(0)), 2)).toBe(
      '«DNI de los integrantes» no lleva fotos porque no agregaste a nadie: borrá las fotos.',
    );
    expect(pagesProblem(membersDni, pageRange(membersDni, family(1)), 0)).toBe(
      'Faltan 2 fotos de «DNI de los integrantes».',
    );
    expect(pagesProblem(membersDni, pageRange(membersDni, family(1)), 1)).toBe(
      'Falta 1 foto de «DNI de los integrantes».',
    );
    expect(pagesProblem(membersDni, pageRange(membersDni, family(1)), 2)).toBeNull();
    expect(pagesProblem(membersDni, pageRange(membersDni, family(5)), 10)).toBeNull();
    expect(pagesProblem(membersDni, pageRange(membersDni, family(5)), 12)).toBe(
      '«DNI de los integrantes» lleva 10 fotos: sobran 2.',
    );
  });

  it("takes the catalogue's range otherwise, and an answer brings at least one page", () => {
    const form: PageRule = { title: 'Formulario', kind: 'signed-form', minPages: 1, maxPages: 4 };
    expect(pageRange(form, {})).toEqual({ min: 1, max: 4 });
    expect(pagesProblem(form, { min: 1, max: 4 }, 5)).toBe(
      '«Formulario» lleva hasta 4 páginas: sobra 1.',
    );
    expect(answerPageRange({ min: 0, max: 0 })).toEqual({ min: 1, max: 1 });
    expect(answerPageRange({ min: 2, max: 2 })).toEqual({ min: 2, max: 2 });
  });
});

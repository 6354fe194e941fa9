import { describe, expect, it } from 'vitest';
import {
  displayFieldValue,
  missingFieldMessage,
  validateFieldValue,
  type FieldRule,
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
});

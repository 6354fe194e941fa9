import { describe, expect, it } from 'vitest';
import {
  dayMonthYearToIso,
  normalizeEmail,
  validateActivationCode,
  validateBirthDate,
  validateEmail,
  validatePassword,
  validatePersonName,
  validatePhone,
} from './account.js';

describe('account rules', () => {
  it('emails: trimmed and lower-cased; one @ and a dotted domain', () => {
    expect(normalizeEmail('  Ana.Perez@Example.COM ')).toBe('ana.perez@example.com');
    expect(validateEmail('ana@example.com')).toBeNull();
    expect(validateEmail('')).toContain('Ingresá');
    for (const bad of ['ana', 'ana@', 'ana@example', 'ana @example.com', 'a@b@c.com']) {
      expect(validateEmail(bad), bad).toContain('Revisá el correo');
    }
  });

  it('passwords: 8 to 128 characters counted as people see them, no composition rules', () => {
    expect(validatePassword('abcdefgh')).toBeNull();
    expect(validatePassword('ñandúñandú')).toBeNull();
    expect(validatePassword('abcdefg')).toContain('al menos 8');
    expect(validatePassword('x'.repeat(128))).toBeNull();
    expect(validatePassword('x'.repeat(129))).toContain('hasta 128');
    // Seven letters with combining accents are still seven characters once composed.
    expect(validatePassword('n\u0303andu\u0301es')).toContain('al menos 8');
  });

  it('names: letters, spaces, apostrophes and hyphens', () => {
    expect(validatePersonName("María José O'Brien", 'nombre')).toBeNull();
    expect(validatePersonName('  ', 'apellido')).toBe('Ingresá tu apellido.');
    expect(validatePersonName('Ana2', 'nombre')).toContain('solo letras');
  });

  it('phones: area code and number', () => {
    expect(validatePhone('(0343) 15-456-7890')).toBeNull();
    expect(validatePhone('1234')).toContain('Revisá el teléfono');
    expect(validatePhone('')).toContain('Ingresá');
  });

  it('birth dates: real dates, not in the future, adults only', () => {
    const today = new Date(2026, 10, 28);
    expect(validateBirthDate('1980-05-25', today)).toBeNull();
    expect(validateBirthDate('2008-11-28', today)).toBeNull();
    expect(validateBirthDate('2008-11-29', today)).toContain('18 años');
    expect(validateBirthDate('2027-01-01', today)).toContain('futura');
    expect(validateBirthDate('1980-02-30', today)).toContain('Revisá la fecha');
    expect(dayMonthYearToIso('5/3/1980')).toBe('1980-03-05');
    expect(dayMonthYearToIso('31/04/1980')).toBeNull();
  });

  it('activation codes: six digits', () => {
    expect(validateActivationCode('123 456')).toBeNull();
    expect(validateActivationCode('12345')).toContain('6 números');
    expect(validateActivationCode('')).toContain('Ingresá');
  });
});

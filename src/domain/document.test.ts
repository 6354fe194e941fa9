import { describe, expect, it } from 'vitest';
import {
  cuitCheckDigit,
  documentTypes,
  formatCuit,
  isDocumentType,
  isValidCuit,
  normalizeDocumentNumber,
  validateDocument,
} from './document.js';

describe('normalizeDocumentNumber', () => {
  it('drops dots, dashes and spaces as printed or typed', () => {
    expect(normalizeDocumentNumber(' 12.345.678 ')).toBe('12345678');
    expect(normalizeDocumentNumber('20-12345678-6')).toBe('20123456786');
    expect(normalizeDocumentNumber('20 12345678 6')).toBe('20123456786');
    expect(normalizeDocumentNumber('20–12345678–6')).toBe('20123456786');
  });

  it('upper-cases passport letters and folds full-width digits', () => {
    expect(normalizeDocumentNumber('aaa123456')).toBe('AAA123456');
    expect(normalizeDocumentNumber('１２３４５６７')).toBe('1234567');
  });
});

describe('validateDocument', () => {
  it('knows every document type', () => {
    expect(documentTypes).toEqual(['DNI', 'LE', 'LC', 'CI', 'Pasaporte', 'CUIT']);
    expect(isDocumentType('DNI')).toBe(true);
    expect(isDocumentType('dni')).toBe(false);
    expect(isDocumentType(7)).toBe(false);
  });

  it('asks for a number when the field is empty', () => {
    for (const type of documentTypes) {
      expect(validateDocument(type, ' . - ')).toBe('Ingresá el número de documento.');
    }
  });

  it('accepts a DNI of 7 or 8 digits, with or without dots', () => {
    expect(validateDocument('DNI', '12.345.678')).toBeNull();
    expect(validateDocument('DNI', '1234567')).toBeNull();
    expect(validateDocument('DNI', '94123456')).toBeNull();
  });

  it('refuses a DNI that is short, long, all zeros or has letters', () => {
    expect(validateDocument('DNI', '123456')).toMatch(/^El DNI tiene de 7 a 8 números/);
    expect(validateDocument('DNI', '123456789')).toMatch(/^El DNI tiene de 7 a 8 números/);
    expect(validateDocument('DNI', '0000000')).toMatch(/^El DNI tiene de 7 a 8 números/);
    expect(validateDocument('DNI', '12345A78')).toBe('El DNI lleva solo números.');
  });

  it('accepts LE, LC and CI of 6 to 8 digits and refuses the rest', () => {
    for (const type of ['LE', 'LC', 'CI'] as const) {
      expect(validateDocument(type, '123456')).toBeNull();
      expect(validateDocument(type, '4.123.456')).toBeNull();
      expect(validateDocument(type, '12345')).toMatch(/tiene de 6 a 8 números/);
      expect(validateDocument(type, '123456789')).toMatch(/tiene de 6 a 8 números/);
      expect(validateDocument(type, '12E456')).toMatch(/lleva solo números/);
    }
    expect(validateDocument('LE', '12345')).toMatch(/^La Libreta de Enrolamiento/);
    expect(validateDocument('LC', '12345')).toMatch(/^La Libreta Cívica/);
    expect(validateDocument('CI', '12345')).toMatch(/^La Cédula de Identidad/);
  });

  it('accepts a passport of 6 to 9 letters or digits', () => {
    expect(validateDocument('Pasaporte', 'AAA123456')).toBeNull();
    expect(validateDocument('Pasaporte', 'aab 654321')).toBeNull();
    expect(validateDocument('Pasaporte', '12345678N')).toBeNull();
    expect(validateDocument('Pasaporte', 'X12345')).toBeNull();
  });

  it('refuses a passport that is short, long, has symbols or is all zeros', () => {
    const rule = 'El pasaporte tiene de 6 a 9 letras o números, sin símbolos.';
    expect(validateDocument('Pasaporte', 'AB123')).toBe(rule);
    expect(validateDocument('Pasaporte', 'AAA1234567')).toBe(rule);
    expect(validateDocument('Pasaporte', 'AAA#12345')).toBe(rule);
    expect(validateDocument('Pasaporte', 'ÑAA123456')).toBe(rule);
    expect(validateDocument('Pasaporte', '000000')).toBe('Revisá el número de pasaporte.');
  });

  it('accepts a CUIT with the right check digit, with or without dashes', () => {
    expect(validateDocument('CUIT', '20-12345678-6')).toBeNull();
    // AFIP's own CUIT, as published on its receipts.
    expect(validateDocument('CUIT', '33-69345023-9')).toBeNull();
    expect(validateDocument('CUIT', '30712345671')).toBeNull();
    expect(validateDocument('CUIT', '23-00000000-0')).toBeNull();
  });

  it('refuses a CUIT with a wrong length, letters, prefix or check digit', () => {
    expect(validateDocument('CUIT', '20-12345678')).toBe(
      'El CUIT tiene 11 números. Revisá el que ingresaste.',
    );
    expect(validateDocument('CUIT', '20-1234567X-6')).toBe('El CUIT lleva solo números.');
    expect(validateDocument('CUIT', '21-12345678-6')).toBe(
      'El CUIT empieza con 20, 23, 24, 27, 30, 33 o 34.',
    );
    expect(validateDocument('CUIT', '20-12345678-7')).toBe(
      'El CUIT no es válido: revisá los números, el último no coincide.',
    );
    // The remainder leaves 10 here: AFIP never issues this number.
    expect(validateDocument('CUIT', '27-17555666-0')).toMatch(/no es válido/);
  });
});

describe('CUIT check digit', () => {
  it('is mod 11 with the weights 5,4,3,2,7,6,5,4,3,2', () => {
    // 2·5 + 0·4 + 1·3 + 2·2 + 3·7 + 4·6 + 5·5 + 6·4 + 7·3 + 8·2 = 148; 148 mod 11 = 5; 11 − 5 = 6
    expect(cuitCheckDigit('2012345678')).toBe(6);
    expect(cuitCheckDigit('3369345023')).toBe(9);
    // remainder 0 gives 11, written as 0
    expect(cuitCheckDigit('2300000000')).toBe(0);
    // remainder 1 gives 10: no valid check digit
    expect(cuitCheckDigit('2717555666')).toBeNull();
    expect(cuitCheckDigit('201234567')).toBeNull();
  });

  it('validates and formats a whole CUIT', () => {
    expect(isValidCuit('20123456786')).toBe(true);
    expect(isValidCuit('20123456785')).toBe(false);
    expect(isValidCuit('11123456786')).toBe(false);
    expect(formatCuit('33693450239')).toBe('33-69345023-9');
    expect(formatCuit('123')).toBe('123');
  });
});

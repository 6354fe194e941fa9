import { describe, expect, it } from 'vitest';
import { parseDniBarcode, toNameCase } from './dni.js';

const modern = '00512345678@PEÑA ÑANDÚ@MARÍA DE LOS ÁNGELES@F@30123456@B@15/07/1983@12/03/2014@239';
const old =
  '@ 12345678 @A@1@GONZÁLEZ@JUAN CARLOS@ARGENTINA@01/02/1960@M@20/05/2010@00123456789@7055 @20/05/2025@421@0@ILR:2.01 C:110927.01 (GM/EXE-MOVE-HM)@UNIDAD #20 || S/N: 0040>2008>>0006';

describe('parseDniBarcode', () => {
  it('reads the format of the cards issued since 2012', () => {
    expect(parseDniBarcode(modern)).toEqual({
      documentNumber: '30123456',
      lastName: 'Peña Ñandú',
      firstName: 'María de los Ángeles',
      birthDate: '1983-07-15',
      sex: 'F',
    });
  });

  it('reads the modern format without the trailing fields', () => {
    expect(
      parseDniBarcode('00412345678@DE LA FUENTE@ANA@X@7123456@A@29/02/2000@01/06/2020'),
    ).toEqual({
      documentNumber: '7123456',
      lastName: 'De la Fuente',
      firstName: 'Ana',
      birthDate: '2000-02-29',
      sex: 'X',
    });
  });

  it('reads the older format that starts with the separator', () => {
    expect(parseDniBarcode(old)).toEqual({
      documentNumber: '12345678',
      lastName: 'González',
      firstName: 'Juan Carlos',
      birthDate: '1960-02-01',
      sex: 'M',
    });
  });

  it('keeps accents, ñ and apostrophes in proper title case, and returns NFC', () => {
    const decomposed = '00512345678@D’ALESSANDRO-MUÑOZ@JOSÉ@M@20111222@A@01/01/1970@02/02/2015';
    const result = parseDniBarcode(decomposed.normalize('NFD'));
    expect(result?.lastName).toBe('D’Alessandro-Muñoz');
    expect(result?.firstName).toBe('José');
    expect(result?.lastName.normalize('NFC')).toBe(result?.lastName);
  });

  it('repairs UTF-8 read as Latin-1 or Windows-1252', () => {
    const latin1 = Buffer.from(modern, 'utf8').toString('latin1');
    expect(parseDniBarcode(latin1)?.lastName).toBe('Peña Ñandú');
    // Í and Á fall on bytes Windows-1252 leaves undefined (0x8D, 0x81): those stay as C1 controls.
    const cp1252 = modern
      .replace('PEÑA ÑANDÚ', 'PEÃ‘A Ã‘ANDÃš')
      .replace('MARÍA DE LOS ÁNGELES', 'MARÃ\u008DA DE LOS Ã\u0081NGELES');
    expect(parseDniBarcode(cp1252)?.lastName).toBe('Peña Ñandú');
    expect(parseDniBarcode(cp1252)?.firstName).toBe('María de los Ángeles');
  });

  it('accepts the `"` separator a handheld scanner with a US layout types', () => {
    expect(parseDniBarcode(modern.replaceAll('@', '"'))?.documentNumber).toBe('30123456');
  });

  it('tolerates surrounding whitespace and line breaks from the reader', () => {
    expect(parseDniBarcode(`\r\n${modern}\n`)?.documentNumber).toBe('30123456');
  });

  it('returns null for text that is not a DNI payload', () => {
    expect(parseDniBarcode('')).toBeNull();
    expect(parseDniBarcode('https://example.com/factura?id=1')).toBeNull();
    expect(parseDniBarcode('00512345678@PEREZ@JUAN@M@30123456')).toBeNull();
    expect(parseDniBarcode('@12345678@A@1@PEREZ@JUAN')).toBeNull();
    expect(parseDniBarcode('TRAMITE@PEREZ@JUAN@M@30123456@A@01/01/1980@01/01/2015')).toBeNull();
  });

  it('returns null for a malformed number, sex or name', () => {
    const at = (index: number, value: string) => {
      const fields = modern.split('@');
      fields[index] = value;
      return fields.join('@');
    };
    expect(parseDniBarcode(at(4, '30I23456'))).toBeNull();
    expect(parseDniBarcode(at(4, '12345'))).toBeNull();
    expect(parseDniBarcode(at(4, '000000000'))).toBeNull();
    expect(parseDniBarcode(at(3, 'H'))).toBeNull();
    expect(parseDniBarcode(at(1, ''))).toBeNull();
    expect(parseDniBarcode(at(2, 'JUAN 2'))).toBeNull();
  });

  it('returns null for dates that do not exist or are out of order', () => {
    const withBirth = (birth: string) => modern.replace('15/07/1983', birth);
    expect(parseDniBarcode(withBirth('31/02/1983'))).toBeNull();
    expect(parseDniBarcode(withBirth('29/02/1983'))).toBeNull();
    expect(parseDniBarcode(withBirth('00/07/1983'))).toBeNull();
    expect(parseDniBarcode(withBirth('15/13/1983'))).toBeNull();
    expect(parseDniBarcode(withBirth('1983-07-15'))).toBeNull();
    expect(parseDniBarcode(withBirth('15/7/1983'))).toBeNull();
    expect(parseDniBarcode(withBirth('15/07/1883'))).toBeNull();
    // born after the card was issued
    expect(parseDniBarcode(withBirth('15/07/2015'))).toBeNull();
  });

  it('accepts a lower-case sex letter', () => {
    const fields = modern.split('@');
    fields[3] = 'm';
    expect(parseDniBarcode(fields.join('@'))?.sex).toBe('M');
  });
});

describe('toNameCase', () => {
  it('title-cases Spanish names', () => {
    expect(toNameCase('PEÑA ÑANDÚ')).toBe('Peña Ñandú');
    expect(toNameCase('  ORTEGA   Y GASSET ')).toBe('Ortega y Gasset');
    expect(toNameCase("O'HIGGINS")).toBe("O'Higgins");
    expect(toNameCase('ÁLVAREZ DEL CASTILLO')).toBe('Álvarez del Castillo');
    expect(toNameCase('ÜRQUIZA')).toBe('Ürquiza');
  });

  it('returns an empty string for text that is not a name', () => {
    expect(toNameCase('')).toBe('');
    expect(toNameCase('PEREZ <script>')).toBe('');
    expect(toNameCase('12345')).toBe('');
  });
});

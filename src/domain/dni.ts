/** What the PDF417 barcode of an Argentine DNI tells about its holder. */
export interface DniData {
  /** Digits only, without dots or leading zeros. */
  documentNumber: string;
  lastName: string;
  firstName: string;
  /** yyyy-mm-dd */
  birthDate: string;
  sex: DniSex;
}

export type DniSex = 'M' | 'F' | 'X';

/**
 * Reads the payload of a DNI's PDF417 barcode, or null when it is not one.
 *
 * Cards since 2012: `trámite@APELLIDO@NOMBRES@SEXO@DNI@EJEMPLAR@NACIMIENTO@EMISIÓN[@...]`.
 * Cards of 2009–2012 start with the separator:
 * `@DNI@EJEMPLAR@?@APELLIDO@NOMBRES@NACIONALIDAD@NACIMIENTO@SEXO@EMISIÓN[@...]`.
 */
export function parseDniBarcode(payload: string): DniData | null {
  const text = repairMojibake(payload)
    .normalize('NFC')
    .replace(/[\r\n\t]/g, '')
    .trim();
  const separator = pickSeparator(text);
  if (!separator) return null;
  const fields = text.split(separator).map((field) => field.trim());
  const raw = fields[0] === '' ? oldLayout(fields) : modernLayout(fields);
  if (!raw) return null;

  const documentNumber = parseDocumentNumber(raw.number);
  const sex = raw.sex.toUpperCase();
  const birthDate = parseDate(raw.birth);
  const issueDate = parseDate(raw.issue);
  const lastName = toNameCase(raw.lastName);
  const firstName = toNameCase(raw.firstName);
  if (!documentNumber || !birthDate || !issueDate || !lastName || !firstName) return null;
  if (!isSex(sex) || birthDate > issueDate) return null;
  return { documentNumber, lastName, firstName, birthDate, sex };
}

interface RawFields {
  number: string;
  lastName: string;
  firstName: string;
  sex: string;
  birth: string;
  issue: string;
}

function modernLayout(f: string[]): RawFields | null {
  if (f.length < 8 || !/^\d+$/.test(f[0] ?? '')) return null;
  return {
    lastName: f[1] ?? '',
    firstName: f[2] ?? '',
    sex: f[3] ?? '',
    number: f[4] ?? '',
    birth: f[6] ?? '',
    issue: f[7] ?? '',
  };
}

function oldLayout(f: string[]): RawFields | null {
  if (f.length < 10) return null;
  return {
    number: f[1] ?? '',
    lastName: f[4] ?? '',
    firstName: f[5] ?? '',
    birth: f[7] ?? '',
    sex: f[8] ?? '',
    issue: f[9] ?? '',
  };
}

/**
 * `@` on a camera read; handheld scanners set to a US keyboard layout type `"` instead, and the
 * same payload must still work if one is ever plugged in.
 */
function pickSeparator(text: string): string | null {
  if (text.split('@').length >= 8) return '@';
  if (!text.includes('@') && text.split('"').length >= 8) return '"';
  return null;
}

function isSex(value: string): value is DniSex {
  return value === 'M' || value === 'F' || value === 'X';
}

/** Numbers from the era of the libretas can have 6 digits; today's have 7 or 8. */
function parseDocumentNumber(raw: string): string | null {
  const digits = raw.replace(/[\s.]/g, '');
  if (!/^\d{6,9}$/.test(digits)) return null;
  const number = digits.replace(/^0+/, '');
  return number.length >= 6 && number.length <= 8 ? number : null;
}

/** dd/mm/yyyy → yyyy-mm-dd, only for dates that exist on the calendar. */
function parseDate(raw: string): string | null {
  const match = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(raw);
  if (!match) return null;
  const [, dd, mm, yyyy] = match;
  const day = Number(dd);
  const month = Number(mm);
  const year = Number(yyyy);
  if (year < 1900 || month < 1 || month > 12 || day < 1) return null;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return null;
  return `${yyyy}-${mm}-${dd}`;
}

/** Words that stay lower-case inside a Spanish name ("María de los Ángeles", "Ortega y Gasset"). */
const particles = new Set(['de', 'del', 'la', 'las', 'los', 'y', 'e', 'da', 'di', 'van', 'von']);

/** "PEÑA ÑANDÚ" → "Peña Ñandú"; "D'ALESSANDRO" → "D'Alessandro"; "" when it is not a name. */
export function toNameCase(raw: string): string {
  const words = raw.normalize('NFC').trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return '';
  if (!words.every((word) => /^[\p{L}\p{M}'’.-]+$/u.test(word))) return '';
  return words
    .map((word, index) => {
      const lower = word.toLocaleLowerCase('es-AR');
      if (index > 0 && particles.has(lower)) return lower;
      return lower.replace(
        /(^|[-'’])(\p{L})/gu,
        (_whole, boundary: string, letter: string) => boundary + letter.toLocaleUpperCase('es-AR'),
      );
    })
    .join(' ');
}

/**
 * Some readers hand over UTF-8 bytes decoded as Latin-1 ("PEÃ‘A" for "PEÑA"): decode them again
 * when that is what the text looks like, and leave it alone otherwise.
 */
function repairMojibake(text: string): string {
  if (!/[ÂÃ][\u0080-\u00BF\u0152-\u0192\u02C6\u02DC\u2013-\u2122]/.test(text)) return text;
  const bytes: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    const byte = code < 256 ? code : windows1252.get(code);
    if (byte === undefined) return text;
    bytes.push(byte);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array(bytes));
  } catch {
    return text;
  }
}

/** The Windows-1252 characters of the 0x80–0x9F range, which a Latin-1 decoder may produce. */
const windows1252 = new Map<number, number>([
  [0x20ac, 0x80],
  [0x201a, 0x82],
  [0x0192, 0x83],
  [0x201e, 0x84],
  [0x2026, 0x85],
  [0x2020, 0x86],
  [0x2021, 0x87],
  [0x02c6, 0x88],
  [0x2030, 0x89],
  [0x0160, 0x8a],
  [0x2039, 0x8b],
  [0x0152, 0x8c],
  [0x017d, 0x8e],
  [0x2018, 0x91],
  [0x2019, 0x92],
  [0x201c, 0x93],
  [0x201d, 0x94],
  [0x2022, 0x95],
  [0x2013, 0x96],
  [0x2014, 0x97],
  [0x02dc, 0x98],
  [0x2122, 0x99],
  [0x0161, 0x9a],
  [0x203a, 0x9b],
  [0x0153, 0x9c],
  [0x017e, 0x9e],
  [0x0178, 0x9f],
]);

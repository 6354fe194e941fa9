/** Argentine identity documents a customer can give (the cooperative's forms offer these). */
export const documentTypes = ['DNI', 'LE', 'LC', 'CI', 'Pasaporte', 'CUIT'] as const;
export type DocumentType = (typeof documentTypes)[number];

export function isDocumentType(value: unknown): value is DocumentType {
  return typeof value === 'string' && (documentTypes as readonly string[]).includes(value);
}

/** How each document is named in a sentence (with its article: "la libreta", "el DNI"). */
const subject: Record<DocumentType, string> = {
  DNI: 'El DNI',
  LE: 'La Libreta de Enrolamiento',
  LC: 'La Libreta Cívica',
  CI: 'La Cédula de Identidad',
  Pasaporte: 'El pasaporte',
  CUIT: 'El CUIT',
};

/** Digit counts; the numbers are printed with dots and CUITs with dashes, people type both. */
const digitRange: Record<Exclude<DocumentType, 'Pasaporte' | 'CUIT'>, [number, number]> = {
  DNI: [7, 8],
  LE: [6, 8],
  LC: [6, 8],
  CI: [6, 8],
};

/** CUIT/CUIL prefixes AFIP assigns: people (20, 23, 24, 27) and companies (30, 33, 34). */
const cuitPrefixes = ['20', '23', '24', '27', '30', '33', '34'];
const cuitWeights = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

/** Drops the dots, dashes and spaces people type or copy from the card; upper-cases letters. */
export function normalizeDocumentNumber(raw: string): string {
  return raw
    .normalize('NFKC')
    .replace(/[\s.\-\u2010-\u2015]/g, '')
    .toUpperCase();
}

/**
 * The CUIT check digit for its first ten digits (mod 11), or null when the remainder leaves 10:
 * AFIP never issues those numbers (it changes the prefix to 23, 24 or 33 instead).
 */
export function cuitCheckDigit(firstTen: string): number | null {
  if (!/^\d{10}$/.test(firstTen)) return null;
  let sum = 0;
  for (let i = 0; i < 10; i++) sum += Number(firstTen[i]) * (cuitWeights[i] ?? 0);
  const check = 11 - (sum % 11);
  if (check === 11) return 0;
  if (check === 10) return null;
  return check;
}

export function isValidCuit(number: string): boolean {
  const digits = normalizeDocumentNumber(number);
  if (!/^\d{11}$/.test(digits) || !cuitPrefixes.includes(digits.slice(0, 2))) return false;
  return cuitCheckDigit(digits.slice(0, 10)) === Number(digits[10]);
}

/** 20123456786 → 20-12345678-6 (as AFIP prints it). */
export function formatCuit(number: string): string {
  const digits = normalizeDocumentNumber(number);
  if (!/^\d{11}$/.test(digits)) return number;
  return `${digits.slice(0, 2)}-${digits.slice(2, 10)}-${digits.slice(10)}`;
}

/** null when the number is acceptable for the type, otherwise what to tell the customer. */
export function validateDocument(type: DocumentType, number: string): string | null {
  const value = normalizeDocumentNumber(number);
  if (value === '') return 'Ingresá el número de documento.';
  switch (type) {
    case 'DNI':
    case 'LE':
    case 'LC':
    case 'CI': {
      const [min, max] = digitRange[type];
      if (!/^\d+$/.test(value)) return `${subject[type]} lleva solo números.`;
      if (value.length < min || value.length > max || /^0+$/.test(value)) {
        return `${subject[type]} tiene de ${min} a ${max} números. Revisá el que ingresaste.`;
      }
      return null;
    }
    case 'Pasaporte':
      if (!/^[A-Z0-9]{6,9}$/.test(value)) {
        return `${subject[type]} tiene de 6 a 9 letras o números, sin símbolos.`;
      }
      if (/^0+$/.test(value)) return 'Revisá el número de pasaporte.';
      return null;
    case 'CUIT':
      if (!/^\d+$/.test(value)) return `${subject[type]} lleva solo números.`;
      if (value.length !== 11)
        return `${subject[type]} tiene 11 números. Revisá el que ingresaste.`;
      if (!cuitPrefixes.includes(value.slice(0, 2))) {
        return `${subject[type]} empieza con 20, 23, 24, 27, 30, 33 o 34.`;
      }
      if (!isValidCuit(value)) {
        return `${subject[type]} no es válido: revisá los números, el último no coincide.`;
      }
      return null;
    default:
      return missingDocumentType(type);
  }
}

function missingDocumentType(type: never): never {
  throw new Error(`Unhandled document type: ${String(type)}`);
}

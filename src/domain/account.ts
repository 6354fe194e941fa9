/**
 * What a customer types to open an account, checked the same way as they type at the kiosk and
 * again at the central. Each check answers null when the value is acceptable, otherwise what to
 * tell the customer, in plain Spanish.
 */

export const passwordLength = { min: 8, max: 128 } as const;
export const activationCodeLength = 6;
export const minimumAge = 18;

/** Lower-cased and trimmed: the same mailbox however it was typed. */
export function normalizeEmail(raw: string): string {
  return raw.normalize('NFC').trim().toLowerCase();
}

// Deliberately plain: one @, a dot in the domain, no spaces. Deliverability is proved by the
// activation mail, not by a regular expression.
const emailPattern = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

export function validateEmail(raw: string): string | null {
  const email = normalizeEmail(raw);
  if (email === '') return 'Ingresá tu correo electrónico.';
  if (email.length > 254 || !emailPattern.test(email)) {
    return 'Revisá el correo: tiene que ser como nombre@ejemplo.com.';
  }
  return null;
}

/** Length only, in characters people see (OWASP: no composition rules). */
export function passwordCharacters(password: string): number {
  return [...password.normalize('NFC')].length;
}

export function validatePassword(password: string): string | null {
  const length = passwordCharacters(password);
  if (length === 0) return 'Elegí una contraseña.';
  if (length < passwordLength.min) {
    return `La contraseña tiene que tener al menos ${passwordLength.min} caracteres.`;
  }
  if (length > passwordLength.max) {
    return `La contraseña puede tener hasta ${passwordLength.max} caracteres.`;
  }
  return null;
}

export function validatePersonName(raw: string, what: 'nombre' | 'apellido'): string | null {
  const name = raw.normalize('NFC').trim();
  if (name === '') return `Ingresá tu ${what}.`;
  if (name.length > 80) return `El ${what} puede tener hasta 80 letras.`;
  if (!/^[\p{L}][\p{L}\p{M} '.-]*$/u.test(name)) {
    return `El ${what} lleva solo letras, espacios y apóstrofos.`;
  }
  return null;
}

/** Argentine numbers as people type them: area code and number, 8 to 13 digits in all. */
export function normalizePhone(raw: string): string {
  return raw.replace(/[\s().+-]/g, '');
}

export function validatePhone(raw: string): string | null {
  const phone = normalizePhone(raw);
  if (phone === '') return 'Ingresá un teléfono para que podamos llamarte.';
  if (!/^\d{8,13}$/.test(phone)) {
    return 'Revisá el teléfono: código de área y número, solo números.';
  }
  return null;
}

/** A calendar date written YYYY-MM-DD, or null when it is not a real date. */
export function parseIsoDate(value: string): { year: number; month: number; day: number } | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1) return null;
  if (date.getUTCDate() !== day) return null;
  return { year, month, day };
}

/** DD/MM/AAAA as typed on the keypad → YYYY-MM-DD, or null. */
export function dayMonthYearToIso(typed: string): string | null {
  const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(typed.trim());
  if (!match) return null;
  const iso = `${match[3]}-${match[2]!.padStart(2, '0')}-${match[1]!.padStart(2, '0')}`;
  return parseIsoDate(iso) ? iso : null;
}

export function validateBirthDate(iso: string, today: Date): string | null {
  if (iso.trim() === '') return 'Ingresá tu fecha de nacimiento.';
  const date = parseIsoDate(iso);
  if (!date || date.year < 1900) return 'Revisá la fecha: día, mes y año, como 25/05/1980.';
  const todayYear = today.getFullYear();
  const beforeBirthday =
    today.getMonth() + 1 < date.month ||
    (today.getMonth() + 1 === date.month && today.getDate() < date.day);
  const age = todayYear - date.year - (beforeBirthday ? 1 : 0);
  if (age < 0) return 'La fecha de nacimiento no puede ser futura.';
  if (age < minimumAge) return `Para tener una cuenta tenés que tener ${minimumAge} años o más.`;
  return null;
}

export function validateActivationCode(raw: string): string | null {
  const code = raw.replace(/\s/g, '');
  if (code === '') return 'Ingresá el código de 6 números que te mandamos por correo.';
  if (!new RegExp(`^\\d{${activationCodeLength}}$`).test(code)) {
    return 'El código tiene 6 números. Revisalo en el correo.';
  }
  return null;
}

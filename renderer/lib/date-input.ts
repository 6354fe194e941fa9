import { dayMonthYearToIso, validateBirthDate } from '../../src/domain/account.js';
import type { Edit } from '../components/keyboard/text-editing.js';

/** DD/MM/AAAA as typed, checked with the same rule the central runs on the ISO date. */
export function checkTypedBirthDate(typed: string): string | null {
  return validateBirthDate(dayMonthYearToIso(typed) ?? typed, new Date());
}

/** YYYY-MM-DD (as the DNI gives it) → DD/MM/AAAA (as the customer reads and types it). */
export function isoToDayMonthYear(iso: string): string {
  const [year, month, day] = iso.split('-');
  return `${day}/${month}/${year}`;
}

/**
 * The numeric pad has no "/": a birth date typed as digits gets its slashes as it grows
 * (25 → 25, 2505 → 25/05, 25051980 → 25/05/1980). A slash is only put before a digit that
 * follows it, so "Borrar" never gets stuck on one.
 */
export function formatDayMonthYear(edit: Edit): Edit {
  const digits = edit.value.replace(/\D/g, '').slice(0, 8);
  const parts = [digits.slice(0, 2), digits.slice(2, 4), digits.slice(4)].filter(Boolean);
  const value = parts.join('/');
  const digitsBeforeCaret = Math.min(
    edit.value.slice(0, edit.caret).replace(/\D/g, '').length,
    digits.length,
  );
  return { value, caret: caretAfterDigits(value, digitsBeforeCaret) };
}

function caretAfterDigits(value: string, count: number): number {
  if (count === 0) return 0;
  let seen = 0;
  for (let index = 0; index < value.length; index++) {
    if (/\d/.test(value[index] ?? '')) seen++;
    if (seen === count) return index + 1;
  }
  return value.length;
}

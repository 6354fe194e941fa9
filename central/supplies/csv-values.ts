import { z } from 'zod';
import { dayMonthYearToIso, parseIsoDate } from '../../src/domain/account.js';
import { documentTypes, normalizeDocumentNumber } from '../../src/domain/document.js';
import type { DocumentType } from '../../src/domain/document.js';
import { importMessages as m } from './messages.js';

/**
 * Zod fields for the values a billing system writes in its CSV exports. They accept the forms
 * such exports use in Argentina (25/05/1980, 1.234,56, "Energía", "En trámite") and give the
 * canonical value the central stores; a refusal is one Spanish sentence naming the value.
 */

type Parsed<T> = { value: T } | { error: string };
const ok = <T>(value: T): Parsed<T> => ({ value });
const fail = (error: string): { error: string } => ({ error });

/** `parse` answers the value, or the reason it is refused. */
function field<T>(parse: (raw: string) => Parsed<T>) {
  return z.string().transform((raw, context): T => {
    const value = raw.trim();
    if (value === '') {
      context.addIssue({ code: 'custom', message: m.required });
      return z.NEVER;
    }
    return parsed(parse(value), context);
  });
}

/** A column that may be left empty (null); whether it may is the row's to say. */
export function optional<T>(parse: (raw: string) => Parsed<T>) {
  return z.string().transform((raw, context): T | null => {
    const value = raw.trim();
    return value === '' ? null : parsed(parse(value), context);
  });
}

function parsed<T>(result: Parsed<T>, context: z.RefinementCtx): T {
  if ('error' in result) {
    context.addIssue({ code: 'custom', message: result.error });
    return z.NEVER;
  }
  return result.value;
}

export const text = (max: number) =>
  field((value) => (value.length > max ? fail(m.tooLong(max)) : ok(value)));

/**
 * People's names and companies' business names ("Pérez", "D'Angelo", "Panadería 9 de Julio S.R.L.",
 * "Cooperativa 1º de Mayo Ltda.", "Hnos. & Cía."): letters, digits, º ª and the punctuation such
 * names carry. A refusal names the characters that do not belong.
 */
const nameCharacter = /[\p{L}\p{M}\p{N}ºª '’.,&()/-]/u;
export const personName = field((raw) => parseName(raw));
export const optionalName = optional((raw) => parseName(raw));

function parseName(raw: string): Parsed<string> {
  const value = raw.normalize('NFC').replace(/\s+/g, ' ');
  if (value.length > 80) return fail(m.tooLong(80));
  const wrong = [...new Set([...value].filter((character) => !nameCharacter.test(character)))];
  if (wrong.length > 0) return fail(m.badNameCharacters(value, wrong));
  if (!/[\p{L}\p{N}]/u.test(value)) return fail(m.nameWithoutLetters(value));
  return ok(value);
}

/** "energía", "Servicio Social", "EN TRAMITE" → energia, servicio-social, en-tramite. */
export function slug(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .trim()
    .replace(/[\s_]+/g, '-');
}

/** One of `allowed`, however the billing system capitalizes or accents it. */
export function choice<const T extends string>(
  allowed: readonly T[],
  what: string,
  shown: string[],
) {
  return field((raw) => {
    const value = slug(raw);
    const found = allowed.find((candidate) => candidate === value);
    return found ? ok(found) : fail(m.badChoice(raw, what, shown));
  });
}

export const documentType = field<DocumentType>((raw) => {
  const value = raw.replace(/\./g, '').toLowerCase();
  const found = documentTypes.find((type) => type.toLowerCase() === value);
  return found ? ok(found) : fail(m.badChoice(raw, 'un tipo de documento', [...documentTypes]));
});

/** Checked against its type (length, CUIT check digit) where the whole row is known. */
export const documentNumber = field((raw) => ok(normalizeDocumentNumber(raw)));

/** 25/05/1980 or 1980-05-25 → 1980-05-25. */
export const calendarDate = field((raw) => {
  const iso = parseIsoDate(raw) ? raw : dayMonthYearToIso(raw);
  if (!iso) return fail(m.badDate(raw));
  if (iso < '1900-01-01') return fail(m.oldDate(raw));
  return ok(iso);
});

/** 2026-03 or 03/2026 → 2026-03. */
export const period = field((raw) => {
  const match = /^(\d{4})-(\d{1,2})$/.exec(raw) ?? /^(\d{1,2})\/(\d{4})$/.exec(raw);
  if (!match) return fail(m.badPeriod(raw));
  const [year, month] = raw.includes('/') ? [match[2], match[1]] : [match[1], match[2]];
  const monthNumber = Number(month);
  if (monthNumber < 1 || monthNumber > 12 || Number(year) < 1900) return fail(m.badPeriod(raw));
  return { value: `${year}-${String(monthNumber).padStart(2, '0')}` };
});

/**
 * Pesos as billing exports write them → whole cents, by string arithmetic (never a float):
 * 1234,56 · 1234.56 · 1.234,56 · 1.234.567 · $ 1234 · 1234,5. A lone "1.234" is refused: it could be
 * read either way.
 */
export function parseAmountCents(raw: string): number | null {
  const value = raw.trim().replace(/^\$\s*/, '');
  const plain = /^(\d+)(?:[.,](\d{1,2}))?$/.exec(value);
  const grouped =
    /^(\d{1,3}(?:\.\d{3})+),(\d{1,2})$/.exec(value) ?? /^(\d{1,3}(?:\.\d{3}){2,})()$/.exec(value);
  const match = plain ?? grouped;
  if (!match) return null;
  const pesos = BigInt(match[1]!.replace(/\./g, ''));
  const cents = pesos * 100n + BigInt((match[2] ?? '0').padEnd(2, '0'));
  return cents <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(cents) : Number.NaN;
}

/** "1.234" or "1,234": a thousands separator or three decimals, nobody can tell which. */
const ambiguousAmount = /^(?:\$\s*)?\d{1,3}[.,]\d{3}$/;

export const amountCents = field((raw) => {
  const cents = parseAmountCents(raw);
  if (cents === null)
    return fail(ambiguousAmount.test(raw) ? m.ambiguousAmount(raw) : m.badAmount(raw));
  if (Number.isNaN(cents)) return fail(m.amountTooLarge(raw));
  return ok(cents);
});

/** What people type or see printed, without dots and spaces. */
export const supplyNumber = field((raw) => {
  const value = raw.replace(/[\s.]/g, '');
  return /^\d{1,12}$/.test(value) ? ok(value) : fail(m.badSupplyNumber(raw));
});

/** The printed number, and its key: the same without separators, as a customer types it. */
export function invoiceKey(number: string): string {
  return number.replace(/[\s.-]/g, '').toUpperCase();
}

export const invoiceNumber = field((raw) => {
  const value = raw.toUpperCase();
  const valid = /^[0-9A-Z][0-9A-Z .-]*$/.test(value) && /^[0-9A-Z]{1,20}$/.test(invoiceKey(value));
  return valid ? ok(value) : fail(m.badInvoiceNumber(raw));
});

/** Empty is for the row to judge: a paid or annulled invoice needs none. */
export const paymentBarcode = optional((raw) => {
  const value = raw.replace(/\s/g, '');
  return /^\d{20,60}$/.test(value) ? ok(value) : fail(m.badBarcode(raw));
});

/**
 * The fields of a request's steps and the pages of its requirements, as the catalogue declares
 * them: how a value is checked, what is missing, how many pages a requirement takes for the data
 * given, and how it reads on the review screen and on the printed form. Pure, so the renderer
 * checks a field as the customer types, the kiosk core checks the same again, and the central
 * refuses a request with the very same rules and words.
 */
import { parseIsoDate, validateEmail, validatePhone } from './account.js';
import { isDocumentType, validateDocument } from './document.js';

/** The parts of a catalogue field these rules read (the contract's `Field`). */
export type FieldRule = {
  id: string;
  label: string;
  type: 'text' | 'date' | 'select' | 'document' | 'phone' | 'email' | 'members';
  required: boolean;
  options?: { value: string; label: string }[];
};

export type FamilyMemberValue = {
  name: string;
  documentType: string;
  documentNumber: string;
  birthDate: string;
  relationship: string;
};
export type FieldValueOf = string | FamilyMemberValue[];

export const maxTextLength = 500;
export const maxMembers = 20;

const isBlank = (value: FieldValueOf | undefined) =>
  value === undefined || (typeof value === 'string' ? value.trim() === '' : value.length === 0);

/** null when the value is acceptable (an empty optional field is), else what to tell the customer. */
export function validateFieldValue(field: FieldRule, value: FieldValueOf): string | null {
  if (isBlank(value)) return null;
  if (field.type === 'members') {
    if (!Array.isArray(value)) return `Revisá «${field.label}».`;
    if (value.length > maxMembers) return `Podés agregar hasta ${maxMembers} personas.`;
    for (const [index, member] of value.entries()) {
      const problem = validateMember(member);
      if (problem) return `Persona ${index + 1}: ${problem}`;
    }
    return null;
  }
  if (typeof value !== 'string') return `Revisá «${field.label}».`;
  if (value.length > maxTextLength)
    return `«${field.label}» puede tener hasta ${maxTextLength} letras.`;
  switch (field.type) {
    case 'text':
      return null;
    case 'date':
      return parseIsoDate(value) ? null : 'Revisá la fecha: día, mes y año, como 25/05/1980.';
    case 'select':
      return field.options?.some((option) => option.value === value)
        ? null
        : `Elegí una opción de «${field.label}».`;
    case 'document':
      return validateDocument('DNI', value);
    case 'phone':
      return validatePhone(value);
    case 'email':
      return validateEmail(value);
  }
}

function validateMember(member: FamilyMemberValue): string | null {
  if (member.name.trim() === '') return 'ingresá el nombre.';
  if (!isDocumentType(member.documentType)) return 'elegí el tipo de documento.';
  const document = validateDocument(member.documentType, member.documentNumber);
  if (document) return document;
  if (!parseIsoDate(member.birthDate)) return 'revisá la fecha de nacimiento.';
  if (member.relationship.trim() === '') return 'ingresá el parentesco.';
  return null;
}

/** What is still missing for a required field, or null. */
export function missingFieldMessage(
  field: FieldRule,
  value: FieldValueOf | undefined,
): string | null {
  if (!field.required || !isBlank(value)) return null;
  return field.type === 'select' ? `Elegí «${field.label}».` : `Completá «${field.label}».`;
}

const dayMonthYear = (iso: string) => {
  const date = parseIsoDate(iso);
  if (!date) return iso;
  return `${String(date.day).padStart(2, '0')}/${String(date.month).padStart(2, '0')}/${date.year}`;
};

/** The value as a person reads it: an option's label, a date as 25/05/1980, one line per member. */
export function displayFieldValue(field: FieldRule, value: FieldValueOf | undefined): string {
  if (value === undefined) return '';
  if (Array.isArray(value)) {
    return value
      .map(
        (member) =>
          `${member.name} — ${member.documentType} ${member.documentNumber} — ${dayMonthYear(member.birthDate)} — ${member.relationship}`,
      )
      .join('\n');
  }
  switch (field.type) {
    case 'select':
      return field.options?.find((option) => option.value === value)?.label ?? value;
    case 'date':
      return dayMonthYear(value);
    case 'text':
    case 'document':
    case 'phone':
    case 'email':
    case 'members':
      return value.trim();
  }
}

/** The parts of a catalogue requirement the page rules read (the contract's `Requirement`). */
export type PageRule = {
  title: string;
  kind: 'dni-photo' | 'document-photo' | 'signed-form' | 'photo';
  minPages: number;
  maxPages: number;
  /** The pages follow the entries of a `members` field: `pages` for each (a DNI's two sides). */
  pagesPerEntry?: { stepId: string; fieldId: string; pages: number };
};

/** A request's values, by step id and field id (the contract's `RequestFieldValues`). */
export type RequestValuesOf = Record<string, Record<string, FieldValueOf> | undefined>;

export type PageRange = { min: number; max: number };

/**
 * How many pages a requirement takes for these values: the catalogue's minPages..maxPages, or,
 * when its pages follow a members field, exactly `pages` for each member (none for nobody).
 */
export function pageRange(requirement: PageRule, values: RequestValuesOf): PageRange {
  const per = requirement.pagesPerEntry;
  if (!per) return { min: requirement.minPages, max: requirement.maxPages };
  const entries = values[per.stepId]?.[per.fieldId];
  const pages = (Array.isArray(entries) ? entries.length : 0) * per.pages;
  return { min: pages, max: pages };
}

/** An answer to an observed requirement brings new pages: at least one, whatever the data. */
export const answerPageRange = (range: PageRange): PageRange => ({
  min: Math.max(1, range.min),
  max: Math.max(1, range.max),
});

const pagesWord = (requirement: PageRule, count: number) => {
  const photo = requirement.kind !== 'signed-form';
  if (count === 1) return photo ? '1 foto' : '1 página';
  return photo ? `${count} fotos` : `${count} páginas`;
};

/**
 * What is wrong with `pages` pages for a requirement, or null when they are right: the same
 * sentence at the kiosk's review and in the central's refusal.
 */
export function pagesProblem(
  requirement: PageRule,
  range: PageRange,
  pages: number,
): string | null {
  if (pages < range.min) {
    const left = range.min - pages;
    return `${left === 1 ? 'Falta' : 'Faltan'} ${pagesWord(requirement, left)} de «${requirement.title}».`;
  }
  if (pages > range.max) {
    if (range.max === 0) {
      return requirement.pagesPerEntry
        ? `«${requirement.title}» no lleva fotos porque no agregaste a nadie: borrá ${pages === 1 ? 'la foto' : 'las fotos'}.`
        : `«${requirement.title}» no lleva archivos.`;
    }
    const extra = pages - range.max;
    return `«${requirement.title}» lleva ${range.min === range.max ? '' : 'hasta '}${pagesWord(requirement, range.max)}: ${extra === 1 ? 'sobra 1' : `sobran ${extra}`}.`;
  }
  return null;
}

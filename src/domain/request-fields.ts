/**
 * The fields of a request's steps, as the catalogue declares them: how a value is checked, what is
 * missing, and how it reads on the review screen and on the printed form. Pure, so the renderer
 * checks a field as the customer types and the kiosk core checks the same again.
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

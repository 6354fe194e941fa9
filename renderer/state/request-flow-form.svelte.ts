import type { Field } from '../../src/contract/catalog.js';
import type { ApiError } from '../../src/contract/errors.js';
import type { RequestDraft } from '../../src/contract/kiosk-requests.js';
import { dayMonthYearToIso } from '../../src/domain/account.js';
import type { FamilyMember } from '../../src/contract/requests.js';
import { missingFieldMessage, validateFieldValue } from '../../src/domain/request-fields.js';
import { isoToDayMonthYear } from '../lib/date-input.js';
import type { FieldForm } from './form.svelte.js';

/** One `fields` step's values, by field id, as the core keeps them. */
export type StepValues = RequestDraft['values'][string];

/**
 * The fields of one `fields` step as the customer types them. Dates are typed as DD/MM/AAAA and
 * kept by the core as YYYY-MM-DD; every other value goes as typed. The rules are the core's own
 * (src/domain/request-fields.ts), so a value refused here would be refused there too.
 */
export class StepForm implements FieldForm<string> {
  values = $state<Record<string, string>>({});
  touched = $state<Record<string, boolean>>({});
  members = $state<Record<string, FamilyMember[]>>({});
  refusals = $state<Record<string, { message: string; value: string }>>({});

  constructor(
    readonly fields: readonly Field[],
    saved: StepValues = {},
  ) {
    for (const field of fields) {
      const value = saved[field.id];
      if (field.type === 'members') {
        this.members[field.id] = Array.isArray(value) ? value.map((member) => ({ ...member })) : [];
      } else {
        const text = typeof value === 'string' ? value : '';
        this.values[field.id] = field.type === 'date' && text ? isoToDayMonthYear(text) : text;
      }
      this.touched[field.id] = false;
    }
  }

  #field(key: string): Field | undefined {
    return this.fields.find((field) => field.id === key);
  }

  /** The value as the core keeps it. */
  valueOf(field: Field): StepValues[string] {
    if (field.type === 'members') return this.members[field.id] ?? [];
    const typed = (this.values[field.id] ?? '').trim();
    return field.type === 'date' && typed ? (dayMonthYearToIso(typed) ?? typed) : typed;
  }

  check(key: string): string | null {
    const field = this.#field(key);
    if (!field) return null;
    const value = this.valueOf(field);
    return validateFieldValue(field, value) ?? missingFieldMessage(field, value);
  }

  refusal(key: string): string | null {
    const refusal = this.refusals[key];
    return refusal && refusal.value === this.values[key] ? refusal.message : null;
  }

  refuse(error: ApiError): string | null {
    if (!error.field || !this.#field(error.field)) return null;
    this.refusals[error.field] = { message: error.message, value: this.values[error.field] ?? '' };
    return error.field;
  }

  /** The first field with a problem, after marking them all so their messages show. */
  firstInvalid(): string | null {
    for (const field of this.fields) this.touched[field.id] = true;
    return this.fields.find((field) => this.check(field.id) !== null)?.id ?? null;
  }

  /**
   * What to save: every filled value, or (leaving the step half done) only those the core will
   * accept, so nothing typed right is lost and nothing wrong blocks "Volver".
   */
  toSave(onlyValid: boolean): StepValues {
    const values: StepValues = {};
    for (const field of this.fields) {
      const value = this.valueOf(field);
      const blank = typeof value === 'string' ? value === '' : value.length === 0;
      if (blank) continue;
      if (onlyValid && validateFieldValue(field, value) !== null) continue;
      values[field.id] = value;
    }
    return values;
  }
}

import type {
  FieldValue,
  RequestFieldValues,
  RequestType,
  Step,
} from '../../src/contract/index.js';
import { normalizeEmail, normalizePhone } from '../../src/domain/account.js';
import { normalizeDocumentNumber } from '../../src/domain/document.js';
import {
  missingFieldMessage,
  validateFieldValue,
  type FieldRule,
} from '../../src/domain/request-fields.js';
import { CentralHttpError } from '../http-errors.js';
import { requestMessages } from './messages.js';

/**
 * The values of a request's `fields` steps, checked against its type in the catalogue with the
 * domain rules the kiosk runs as the customer types (so the refusal is the message the kiosk
 * would have shown): required fields present, each value of its field's type, nothing the type
 * does not ask for. Answers the values normalized (trimmed text, phone and document digits) or
 * refuses with 422 naming the field (`fields.<step>.<field>`).
 */
export function checkRequestFields(
  type: RequestType,
  given: RequestFieldValues,
): RequestFieldValues {
  const steps = type.steps.filter((step) => step.kind === 'fields');
  for (const stepId of Object.keys(given)) {
    if (!steps.some((step) => step.id === stepId)) {
      throw refusal('unknown_step', `fields.${stepId}`, requestMessages.unknownStep(stepId));
    }
  }
  return Object.fromEntries(steps.map((step) => [step.id, checkStepFields(step, given[step.id])]));
}

/** One `fields` step's values (an answer to an observation redoes just one). */
export function checkStepFields(
  step: Step,
  given: Record<string, FieldValue> = {},
): Record<string, FieldValue> {
  const fields = step.fields ?? [];
  for (const fieldId of Object.keys(given)) {
    if (!fields.some((field) => field.id === fieldId)) {
      throw refusal(
        'unknown_field',
        `fields.${step.id}.${fieldId}`,
        requestMessages.unknownField(fieldId),
      );
    }
  }
  const checked: Record<string, FieldValue> = {};
  for (const field of fields) {
    const path = `fields.${step.id}.${field.id}`;
    const value = given[field.id];
    const missing = missingFieldMessage(field, value);
    if (missing) throw refusal('field_required', path, missing);
    if (value === undefined || isBlank(value)) continue;
    const problem = validateFieldValue(field, value);
    if (problem) throw refusal('invalid_field', path, problem);
    checked[field.id] = normalized(field, value);
  }
  return checked;
}

const isBlank = (value: FieldValue) =>
  typeof value === 'string' ? value.trim() === '' : value.length === 0;

function normalized(field: FieldRule, value: FieldValue): FieldValue {
  if (typeof value !== 'string') {
    return value.map((member) => ({
      ...member,
      documentNumber: normalizeDocumentNumber(member.documentNumber),
    }));
  }
  if (field.type === 'document') return normalizeDocumentNumber(value);
  if (field.type === 'phone') return normalizePhone(value);
  if (field.type === 'email') return normalizeEmail(value);
  return value.trim();
}

function refusal(code: string, field: string, message: string): CentralHttpError {
  return new CentralHttpError(422, code, message, { field });
}

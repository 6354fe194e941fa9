import type { LinkSupplyRequest } from '../../src/contract/supplies.js';
import { dayMonthYearToIso } from '../../src/domain/account.js';
import type { DocumentType } from '../../src/domain/document.js';
import { compactSupplyNumber, isSupplyOrInvoiceNumber } from '../../src/domain/supply.js';
import { t } from '../lib/messages.js';
import { documentTypeIn, holderFields, type HolderForm } from './account-forms.svelte.js';
import { Countdown } from './countdown.svelte.js';
import { Form } from './form.svelte.js';

/** A supply number or an invoice number, as the numeric keypad or the camera gives it. */
export function checkSupplyOrInvoiceNumber(typed: string): string | null {
  if (compactSupplyNumber(typed) === '') return t('supplyProof.numberMissing');
  return isSupplyOrInvoiceNumber(typed) ? null : t('supplyProof.numberInvalid');
}

export const supplyProofFields = {
  supplyOrInvoiceNumber: checkSupplyOrInvoiceNumber,
  ...holderFields,
};
export type SupplyProofField = keyof typeof supplyProofFields;

/** The order the screen shows the fields in, so the first wrong one gets the focus. */
export const supplyProofOrder: readonly SupplyProofField[] = [
  'supplyOrInvoiceNumber',
  'documentType',
  'documentNumber',
  'birthDate',
];

/**
 * "ASOCIAR CUENTA" and "Consultar factura sin cuenta" ask the same proof: the supply (or one of
 * its invoices) and the holder's document and birth date. After too many misses the central
 * makes the kiosk wait; the countdown keeps the button off until then.
 */
export class SupplyProofForm extends Form<SupplyProofField> implements HolderForm {
  readonly cooldown = new Countdown();

  constructor() {
    super(supplyProofFields, { documentType: 'DNI' });
  }

  get documentType(): DocumentType {
    return documentTypeIn(this.values);
  }

  toRequest(): LinkSupplyRequest {
    const v = this.values;
    return {
      supplyOrInvoiceNumber: compactSupplyNumber(v.supplyOrInvoiceNumber),
      documentType: this.documentType,
      documentNumber: v.documentNumber,
      birthDate: dayMonthYearToIso(v.birthDate) ?? v.birthDate,
    };
  }

  /** A new visit to the form: nothing typed, no message; a wait the central asked for stays. */
  startOver(): void {
    super.clear();
  }

  override clear(): void {
    super.clear();
    this.cooldown.stop();
  }
}

/** The two proof forms: one for a signed-in customer, one for a customer with no account. */
export class SupplyForms {
  readonly link = new SupplyProofForm();
  readonly lookup = new SupplyProofForm();

  clear(): void {
    this.link.clear();
    this.lookup.clear();
  }
}

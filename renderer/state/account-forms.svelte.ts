import type { Registration } from '../../src/contract/accounts.js';
import {
  dayMonthYearToIso,
  normalizeEmail,
  validateActivationCode,
  validateEmail,
  validatePassword,
  validatePersonName,
  validatePhone,
} from '../../src/domain/account.js';
import type { DniData } from '../../src/domain/dni.js';
import { isDocumentType, validateDocument, type DocumentType } from '../../src/domain/document.js';
import { checkTypedBirthDate, isoToDayMonthYear } from '../lib/date-input.js';
import { t } from '../lib/messages.js';
import { Countdown } from './countdown.svelte.js';
import { Form, type FieldForm } from './form.svelte.js';
import type { RegisterStep } from './navigation.svelte.js';

/** Who the customer is: the document and birth date, asked by "Registrarse" and to prove a supply. */
export const holderFields = {
  documentType: (value: string) =>
    isDocumentType(value) ? null : t('register.documentTypeMissing'),
  documentNumber: (value: string, values: { documentType: string }) =>
    isDocumentType(values.documentType) ? validateDocument(values.documentType, value) : null,
  birthDate: checkTypedBirthDate,
};
export type HolderField = keyof typeof holderFields;

/** What the document and birth date fields need of the form they belong to. */
export interface HolderForm extends FieldForm<HolderField> {
  readonly documentType: DocumentType;
}

/** The chosen document type, DNI until the customer picks another. */
export function documentTypeIn(values: { documentType: string }): DocumentType {
  return isDocumentType(values.documentType) ? values.documentType : 'DNI';
}

export const registrationFields = {
  ...holderFields,
  firstName: (value: string) => validatePersonName(value, 'nombre'),
  lastName: (value: string) => validatePersonName(value, 'apellido'),
  phone: validatePhone,
  email: validateEmail,
  password: validatePassword,
};
export type RegistrationField = keyof typeof registrationFields;

/** Which step of "Registrarse" shows each field. */
export const registrationStepFields: Record<RegisterStep, readonly RegistrationField[]> = {
  1: ['documentType', 'documentNumber', 'birthDate'],
  2: ['firstName', 'lastName', 'phone'],
  3: ['email', 'password'],
};

export function stepOf(field: RegistrationField): RegisterStep {
  if (registrationStepFields[1].includes(field)) return 1;
  if (registrationStepFields[2].includes(field)) return 2;
  return 3;
}

export class RegistrationForm extends Form<RegistrationField> implements HolderForm {
  constructor() {
    super(registrationFields, { documentType: 'DNI' });
  }

  get documentType(): DocumentType {
    return documentTypeIn(this.values);
  }

  /** The DNI's barcode fills what it knows; the customer can still correct every field. */
  fillFromDni(dni: DniData): void {
    this.values.documentType = 'DNI';
    this.values.documentNumber = dni.documentNumber;
    this.values.firstName = dni.firstName;
    this.values.lastName = dni.lastName;
    this.values.birthDate = isoToDayMonthYear(dni.birthDate);
    for (const key of ['documentNumber', 'firstName', 'lastName', 'birthDate'] as const) {
      this.touched[key] = true;
    }
  }

  toRegistration(): Registration {
    const v = this.values;
    return {
      email: v.email,
      password: v.password,
      firstName: v.firstName,
      lastName: v.lastName,
      documentType: this.documentType,
      documentNumber: v.documentNumber,
      birthDate: dayMonthYearToIso(v.birthDate) ?? v.birthDate,
      phone: v.phone,
    };
  }
}

const signInFields = {
  email: validateEmail,
  // Any length: an old password must still sign in (the central checks it, not the kiosk).
  password: (value: string) => (value === '' ? t('signIn.passwordMissing') : null),
};

/** "Reenviar" on the activation screen: busy while it asks, then a wait before the next one. */
export class ActivationResend {
  busy = $state(false);
  /** Where the last mail went, to say so on the screen. */
  sentTo = $state<string | null>(null);
  /** Why the kiosk would not send another one (e.g. too soon), shown by the button. */
  refusal = $state<string | null>(null);
  /** The code typed no longer works (dead after wrong tries, or expired): only a new one will. */
  codeDead = $state(false);
  readonly cooldown = new Countdown();

  clear(): void {
    this.codeDead = false;
    this.busy = false;
    this.sentTo = null;
    this.refusal = null;
    this.cooldown.stop();
  }
}

/** Every form a customer fills before signing in; all of it is forgotten with the customer. */
export class AccountForms {
  readonly registration = new RegistrationForm();
  readonly signIn = new Form(signInFields);
  readonly activation = new Form({ code: validateActivationCode });
  readonly recovery = new Form({ email: validateEmail });
  readonly reset = new Form({ code: validateActivationCode, password: validatePassword });
  readonly resend = new ActivationResend();

  /** Screens after a mail start from the address the customer already typed. */
  carryEmail(form: { values: { email: string } }, email: string): void {
    if (form.values.email === '') form.values.email = normalizeEmail(email);
  }

  clear(): void {
    this.registration.clear();
    this.signIn.clear();
    this.activation.clear();
    this.recovery.clear();
    this.reset.clear();
    this.resend.clear();
  }
}

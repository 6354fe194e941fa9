import { z } from 'zod';
import { documentTypes, normalizeDocumentNumber, validateDocument } from '../domain/document.js';
import { PinAgain } from './fleet.js';

/**
 * Assisted mode: at the counter, a staff member signed in at the kiosk opens the session of a
 * walk-in customer who is present and showed their document, for a stated reason. Everything done
 * in that session is in the central's audit log with the staff member, the kiosk and the customer.
 */
const assistFields = {
  documentType: z.enum(documentTypes),
  documentNumber: z.string().max(40),
  /** The staff member saw the document: the customer is present. */
  documentSeen: z.boolean(),
  reason: z.string().trim().max(300),
};
type AssistFields = {
  documentType: (typeof documentTypes)[number];
  documentNumber: string;
  documentSeen: boolean;
  reason: string;
};

// The screen's own sentences (custom issues), so the kiosk answers them as they are.
function checkAssist<T extends AssistFields>(value: T, context: z.RefinementCtx): void {
  const message = validateDocument(value.documentType, value.documentNumber);
  if (message) context.addIssue({ code: 'custom', message, path: ['documentNumber'] });
  if (!value.documentSeen) {
    context.addIssue({
      code: 'custom',
      message: 'Confirmá que viste el documento de la persona.',
      path: ['documentSeen'],
    });
  }
  if (value.reason.length < 5) {
    context.addIssue({
      code: 'custom',
      message: 'Escribí el motivo de la atención asistida.',
      path: ['reason'],
    });
  }
}

export const AssistCustomer = z
  .object(assistFields)
  .superRefine(checkAssist)
  .transform((value) => ({
    ...value,
    documentNumber: normalizeDocumentNumber(value.documentNumber),
  }));
export type AssistCustomer = z.input<typeof AssistCustomer>;

/**
 * The kiosk API's `staff:assist`: the same, and the staff member's PIN typed again, so a panel
 * left open does not hand a customer's account to whoever knows a document number.
 */
export const AssistAtKiosk = z
  .object({ ...assistFields, pin: PinAgain })
  .superRefine(checkAssist)
  .transform(({ pin, ...value }) => ({
    pin,
    customer: { ...value, documentNumber: normalizeDocumentNumber(value.documentNumber) },
  }));
export type AssistAtKiosk = z.input<typeof AssistAtKiosk>;

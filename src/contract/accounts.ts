import { z } from 'zod';
import {
  validateActivationCode,
  validateBirthDate,
  validateEmail,
  validatePassword,
  validatePersonName,
  validatePhone,
  normalizeEmail,
  normalizePhone,
} from '../domain/account.js';
import { documentTypes, normalizeDocumentNumber, validateDocument } from '../domain/document.js';

/**
 * Accounts as both sides see them. The refinements call the same domain rules the kiosk runs as
 * the customer types, so the central refuses exactly what the kiosk would have flagged, with the
 * same Spanish message and the field it belongs to (the issue's path).
 */
function checked(rule: (value: string) => string | null) {
  return z.string().superRefine((value, context) => {
    const message = rule(value);
    if (message) context.addIssue({ code: 'custom', message });
  });
}

export const Email = checked(validateEmail).transform(normalizeEmail);
export const Password = checked(validatePassword);
export const ActivationCode = checked(validateActivationCode).transform((code) =>
  code.replace(/\s/g, ''),
);

export const Registration = z
  .object({
    email: Email,
    password: Password,
    firstName: checked((value) => validatePersonName(value, 'nombre')).transform((v) => v.trim()),
    lastName: checked((value) => validatePersonName(value, 'apellido')).transform((v) => v.trim()),
    documentType: z.enum(documentTypes),
    documentNumber: z.string().max(40),
    /** YYYY-MM-DD */
    birthDate: z.string().superRefine((value, context) => {
      const message = validateBirthDate(value, new Date());
      if (message) context.addIssue({ code: 'custom', message });
    }),
    phone: checked(validatePhone).transform(normalizePhone),
  })
  .superRefine((value, context) => {
    const message = validateDocument(value.documentType, value.documentNumber);
    if (message) context.addIssue({ code: 'custom', message, path: ['documentNumber'] });
  })
  .transform((value) => ({
    ...value,
    documentNumber: normalizeDocumentNumber(value.documentNumber),
  }));
export type Registration = z.input<typeof Registration>;

/** The same answer whether or not the email or document was already registered. */
export const RegistrationAccepted = z.object({ email: z.string() });

export const ActivationRequest = z.object({ email: Email, code: ActivationCode });
export const Activated = z.object({ activated: z.literal(true) });

export const EmailOnly = z.object({ email: Email });
export const ActivationResent = z.object({
  email: z.string(),
  /** How long until another resend is accepted. */
  retryAfterSeconds: z.number().int().min(0),
});

export const SignInRequest = z.object({
  email: Email,
  // Length is not checked at sign-in: an old password must still be able to sign in to change.
  password: z.string().min(1).max(1024),
});

export const AccountProfile = z.object({
  email: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  documentType: z.enum(documentTypes),
  documentNumber: z.string(),
  /** YYYY-MM-DD, as registered: the request wizard fills it in for the customer. */
  birthDate: z.string().optional(),
  /** Digits, as registered. */
  phone: z.string().optional(),
});
export type AccountProfile = z.infer<typeof AccountProfile>;

export const SessionGranted = z.object({
  /** Opaque bearer token; the central keeps only its hash. */
  token: z.string().min(22),
  expiresAt: z.iso.datetime(),
  account: AccountProfile,
});
export type SessionGranted = z.infer<typeof SessionGranted>;

export const SessionEnded = z.object({ ended: z.literal(true) });

/**
 * A kiosk's sign-out names, by their sha-256 (hex), the delivery tokens of the session that carry
 * deliveries still in its outbox: each stays good for its one delivery. Every other delivery
 * token the session minted dies at sign-out. No body: none survives.
 */
export const SignOutRequest = z
  .object({
    keepDeliveryTokens: z
      .array(z.string().regex(/^[0-9a-f]{64}$/, 'sha-256 en hexadecimal, minúsculas'))
      .max(100),
  })
  .nullish();
export type SignOutRequest = z.infer<typeof SignOutRequest>;

export const PasswordResetRequested = z.object({ email: z.string() });
export const PasswordResetConfirm = z.object({
  email: Email,
  code: ActivationCode,
  password: Password,
});
export const PasswordChanged = z.object({ changed: z.literal(true) });

import { z } from 'zod';
import { documentTypes } from '../domain/document.js';
import { RequestNumber } from './requests.js';

/**
 * The staff audit log as IT and admins read it (`staffAuditLog`), and what IT does about staff
 * PINs (`unlockStaffPin`). Every staff action is in the log: who, at which kiosk, for which
 * customer and request, what, and when.
 */
export const staffAuditActions = [
  'sign-in',
  'sign-out',
  'list-requests',
  'view-request',
  'download-attachment',
  'move-request',
  'create-enrolment-code',
  'cancel-enrolment-code',
  'revoke-kiosk',
  'set-update-channel',
  'kiosk-sign-in',
  'kiosk-sign-out',
  'outbox-retry',
  'outbox-discard',
  'assisted-session',
  'assisted-session-refused',
  'assisted-action',
  'assisted-link-supply',
  'pin-unlock',
  'forbidden-role',
] as const;
export const StaffAuditAction = z.enum(staffAuditActions);
export type StaffAuditAction = z.infer<typeof StaffAuditAction>;

const filter = z
  .string()
  .trim()
  .max(254)
  .transform((value) => (value === '' ? undefined : value))
  .optional();

export const StaffAuditQuery = z.object({
  /** A staff member's email. */
  member: filter,
  /** A kiosk's id or the short name staff read (`3F9A1C`). */
  kiosk: filter,
  /** A customer's email or document number (dots and dashes forgiven). */
  customer: filter,
  action: StaffAuditAction.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type StaffAuditQuery = z.input<typeof StaffAuditQuery>;

export const StaffAuditRecord = z.object({
  id: z.string(),
  at: z.iso.datetime(),
  action: StaffAuditAction,
  member: z.object({ email: z.string(), name: z.string() }),
  kioskId: z.string().nullable(),
  kioskShortName: z.string().nullable(),
  customer: z
    .object({
      email: z.string(),
      name: z.string(),
      documentType: z.enum(documentTypes),
      documentNumber: z.string(),
    })
    .nullable(),
  requestNumber: RequestNumber.nullable(),
  /** What the action was about, as it was recorded (reason, item, supply, target state…). */
  detail: z.record(z.string(), z.unknown()),
});
export type StaffAuditRecord = z.infer<typeof StaffAuditRecord>;

export const StaffAuditPage = z.object({
  /** Newest first. */
  entries: z.array(StaffAuditRecord),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
});
export type StaffAuditPage = z.infer<typeof StaffAuditPage>;

export const UnlockStaffPin = z.object({
  email: z.string().trim().toLowerCase().pipe(z.email()),
});
export const StaffPinUnlocked = z.object({
  email: z.string(),
  /** How long the longest of the member's waits still had to run (0: there was none). */
  wasLockedSeconds: z.number().int().min(0),
});

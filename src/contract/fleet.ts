import { z } from 'zod';
import { OutboxStatus } from './kiosk-requests.js';
import { RequestNumber } from './requests.js';
import { StaffMember } from './staff.js';

/**
 * The fleet: kiosks enrolled on the central with a device credential, their heartbeat, and the
 * staff at a kiosk (PIN or badge). Entries `enrolKiosk`, `sendHeartbeat`, `staffKiosk*` and the
 * IT entries of `centralApi` use these shapes.
 *
 * A kiosk enrols once with a one-time code IT made (valid 24 hours) and gets a random 256-bit
 * credential, which it sends on every call in `x-kiosk-credential` (customers' calls already use
 * `Authorization`). The central keeps only its sha-256; the kiosk id the credential names
 * replaces whatever `x-kiosk-id` says.
 */
export const kioskCredentialHeader = 'x-kiosk-credential';

/** What a kiosk calls itself: its settings' UUID (older ids: letters, digits and dashes). */
export const KioskId = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/);

/** The short name staff read on receipts (`<prefix>-<sequence>`) and on the fleet page. */
export function kioskShortName(kioskId: string): string {
  return kioskId.replace(/-/g, '').slice(0, 6).toUpperCase();
}

/**
 * Enrolment codes: 12 characters of Crockford's base32 (60 bits), shown in groups of four. Typed
 * on a touch keyboard, so case, spaces, dashes and the letters that look like digits are forgiven.
 */
export const enrolmentCodeAlphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const enrolmentCodeLength = 12;

export function normalizeEnrolmentCode(typed: string): string {
  return typed.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

export const EnrolmentCode = z
  .string()
  .max(40)
  .transform(normalizeEnrolmentCode)
  // A custom issue: the kiosk answers the contract's own sentence (a letter outside the
  // alphabet, such as U, gets it too, not a generic refusal).
  .refine((code) => new RegExp(`^[0-9A-HJKMNP-TV-Z]{${enrolmentCodeLength}}$`).test(code), {
    message: 'El código de alta tiene 12 letras y números, sin la U.',
  });

export const Branch = z.string().trim().min(1).max(80);

export const CreateEnrolmentCode = z.object({ branch: Branch });
export const EnrolmentCodeIssued = z.object({
  /** Shown once, as `XXXX-XXXX-XXXX`; only its hash is kept. */
  code: z.string(),
  branch: z.string(),
  expiresAt: z.iso.datetime(),
});

export const EnrolKioskRequest = z.object({ code: EnrolmentCode, kioskId: KioskId });
export const KioskEnrolled = z.object({
  kioskId: KioskId,
  branch: z.string(),
  /** 32 random bytes, base64url: the kiosk keeps it; the central never shows it again. */
  credential: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  enrolledAt: z.iso.datetime(),
});
export type KioskEnrolled = z.infer<typeof KioskEnrolled>;

// --- heartbeat --------------------------------------------------------------------------------

/** A device as the shell or the screens report it; `unknown` until someone does. */
export const DeviceState = z.object({
  state: z.enum(['ok', 'warning', 'error', 'unknown']),
  /** Spanish, for staff and IT ("Impresora «TM-T20» lista."). */
  message: z.string().min(1).max(300),
});
export type DeviceState = z.infer<typeof DeviceState>;

export const Heartbeat = z.object({
  version: z.string().max(40),
  uptimeSeconds: z.number().int().min(0),
  /** The update channel the shell reads (`stable`, `beta`); null outside a packaged kiosk. */
  updateChannel: z.string().max(40).nullable(),
  online: z.boolean(),
  lastSyncAt: z.iso.datetime().nullable(),
  outbox: OutboxStatus,
  /** Unexpected errors the kiosk core logged since it started. */
  errors: z.number().int().min(0),
  printer: DeviceState,
  camera: DeviceState,
});
export type Heartbeat = z.infer<typeof Heartbeat>;
/** The kiosk's update channel, which IT sets on the central for each kiosk. */
export const UpdateChannelName = z.enum(['stable', 'beta']);
export type UpdateChannelName = z.infer<typeof UpdateChannelName>;

export const HeartbeatReceived = z.object({
  receivedAt: z.iso.datetime(),
  /** The channel IT set for this kiosk: the shell follows it for its next update. */
  updateChannel: UpdateChannelName,
});

// --- the fleet, for IT ------------------------------------------------------------------------

/** `silent`: enrolled, not revoked, and no heartbeat for longer than the central tolerates. */
export const KioskState = z.enum(['online', 'silent', 'revoked']);
export type KioskState = z.infer<typeof KioskState>;

export const FleetKiosk = z.object({
  kioskId: KioskId,
  shortName: z.string(),
  branch: z.string(),
  state: KioskState,
  enrolledAt: z.iso.datetime(),
  revokedAt: z.iso.datetime().nullable(),
  /** Why IT revoked it, as they wrote it. */
  revokeReason: z.string().nullable(),
  lastSeenAt: z.iso.datetime().nullable(),
  /** The last heartbeat as the kiosk sent it; null before the first. */
  heartbeat: Heartbeat.nullable(),
  /** The update channel IT set (the heartbeat says which one the kiosk uses). */
  updateChannel: UpdateChannelName,
});
export type FleetKiosk = z.infer<typeof FleetKiosk>;

export const FleetList = z.object({
  generatedAt: z.iso.datetime(),
  silentAfterSeconds: z.number().int(),
  /** By branch, then by short name. */
  kiosks: z.array(FleetKiosk),
});
export type FleetList = z.infer<typeof FleetList>;

export const KioskParams = z.object({ kioskId: KioskId });
export const RevokeKiosk = z.object({ reason: z.string().trim().min(1).max(500) });
export const SetUpdateChannel = z.object({ channel: UpdateChannelName });
export const HeartbeatHistory = z.object({
  kioskId: KioskId,
  /** Newest first: the last hour or so. */
  heartbeats: z.array(z.object({ receivedAt: z.iso.datetime(), heartbeat: Heartbeat })),
});

// --- staff at the kiosk -----------------------------------------------------------------------

export const staffPinPattern = /^\d{6,8}$/;
export const StaffPin = z.string().regex(staffPinPattern, 'El PIN tiene de 6 a 8 números.');

export const StaffKioskSignIn = z.object({
  /** The member's email, or the code of their badge (read by a scanner or typed). */
  badgeOrEmail: z.string().trim().min(1).max(254),
  pin: StaffPin,
});
export type StaffKioskSignIn = z.infer<typeof StaffKioskSignIn>;

export const StaffKioskSessionGranted = z.object({
  token: z.string().min(22),
  expiresAt: z.iso.datetime(),
  /** The session ends after this long without a call. */
  idleTimeoutSeconds: z.number().int().min(1),
  staff: StaffMember,
});

export const kioskAuditActions = ['outbox-retry', 'outbox-discard'] as const;
export const KioskAuditEntry = z
  .object({
    action: z.enum(kioskAuditActions),
    /** The item's kiosk reference (`<kiosk>-<sequence>`), as printed on the receipt. */
    itemReference: z.string().min(1).max(40),
    requestNumber: RequestNumber.nullable(),
    /** Why: required to discard. */
    reason: z.string().trim().min(1).max(500).optional(),
    /** The refusal that made the item wait or fail, as the kiosk has it. */
    lastError: z.string().max(500).nullable(),
  })
  .refine((entry) => entry.action !== 'outbox-discard' || entry.reason !== undefined, {
    message: 'Indicá por qué se descarta.',
    path: ['reason'],
  });
export const KioskAuditRecorded = z.object({ recordedAt: z.iso.datetime() });

// --- the kiosk API (fleet:* and staff:*) --------------------------------------------------------

/** Whether this kiosk holds a credential, and whether the central revoked it. */
export const KioskEnrolment = z.object({
  state: z.enum(['not-enrolled', 'enrolled', 'revoked']),
  /**
   * The kiosk must be enrolled before customers use it (its setup screen comes first): set when
   * it talks to the cooperative's central, not to a central embedded for a demo.
   */
  required: z.boolean(),
  kioskId: z.string(),
  branch: z.string().nullable(),
  enrolledAt: z.iso.datetime().nullable(),
});
export type KioskEnrolment = z.infer<typeof KioskEnrolment>;

export const EnrolThisKiosk = z.object({ code: EnrolmentCode });

/** The screens tell the core how a device they use is doing (the camera, mostly). */
export const DeviceReport = DeviceState.extend({ device: z.enum(['printer', 'camera']) });

export const StaffAtKiosk = z.object({
  name: z.string(),
  email: z.string(),
  /** When the session ends if nothing is done before. */
  idleUntil: z.iso.datetime(),
});
export type StaffAtKiosk = z.infer<typeof StaffAtKiosk>;

/** An outbox item that is not delivered yet, as staff see it (nothing of the customer's). */
export const OutboxItemView = z.object({
  /** The kiosk reference printed on the receipt. */
  itemId: z.string(),
  kind: z.enum(['request', 'answer']),
  state: z.enum(['waiting', 'rejected', 'needs-auth']),
  attempts: z.number().int(),
  /** Why it was refused or why the last try failed (Spanish, the central's words). */
  reason: z.string().nullable(),
  requestNumber: RequestNumber.nullable(),
  createdAt: z.iso.datetime(),
  nextAttemptAt: z.iso.datetime().nullable(),
});
export type OutboxItemView = z.infer<typeof OutboxItemView>;

export const KioskHealth = z.object({
  version: z.string(),
  host: z.enum(['electron', 'web']),
  enrolment: KioskEnrolment,
  updateChannel: z.string().nullable(),
  uptimeSeconds: z.number().int(),
  online: z.boolean(),
  lastSyncAt: z.iso.datetime().nullable(),
  lastSyncError: z.string().nullable(),
  outbox: OutboxStatus.extend({ items: z.array(OutboxItemView) }),
  errors: z.number().int(),
  printer: DeviceState,
  camera: DeviceState,
  lastHeartbeatAt: z.iso.datetime().nullable(),
  /** How the device key is kept; a warning when it is a plain file beside the data it seals. */
  deviceKey: DeviceState.optional(),
});
export type KioskHealth = z.infer<typeof KioskHealth>;

export const RetryItem = z.object({
  itemId: z.string().min(1).max(40),
  reason: z.string().trim().min(1).max(500).optional(),
});
/** The PIN typed again before something that hands the kiosk over (leaving kiosk mode). */
/** A PIN typed again: a custom issue, so the screen shows this sentence as it is. */
export const PinAgain = z
  .string()
  .refine((pin) => staffPinPattern.test(pin), 'Escribí tu PIN (de 6 a 8 números).');
export const ConfirmStaffPin = z.object({ pin: PinAgain });

/** Whether the shell left kiosk mode: only a kiosk under Electron can (not the web host). */
export const KioskModeLeft = z.object({ left: z.boolean() });

export const DiscardItem = z.object({
  itemId: z.string().min(1).max(40),
  reason: z.string().trim().min(1, 'Indicá por qué se descarta.').max(500),
});

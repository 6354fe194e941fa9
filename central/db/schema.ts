import type { ColumnType, Generated } from 'kysely';

/**
 * The central's tables as Kysely sees them. One schema for both engines: timestamps are ISO-8601
 * UTC text and structured values are JSON text, parsed with the contract's zod schemas on read.
 */
export interface RequestTypeTable {
  id: string;
  /** Order in which the kiosk lists the request types. */
  position: number;
  /** A `RequestType` of the contract, as JSON. */
  definition: string;
  updated_at: string;
}

/** Exactly one row (id = 1): the cooperative's branding, settings and catalogue version. */
export interface CooperativeSettingsTable {
  id: number;
  /** A `Branding` of the contract, as JSON. */
  branding: string;
  /** A `Settings` of the contract, as JSON. */
  settings: string;
  /** Hash of the whole catalogue's canonical content; the catalogue's ETag. */
  catalog_version: string;
  updated_at: string;
}

export interface AccountTable {
  id: string;
  /** Normalized: trimmed and lower case. */
  email: string;
  /** argon2id PHC string; its parameters tell whether it needs re-hashing. */
  password_hash: string;
  first_name: string;
  last_name: string;
  /** A `DocumentType` of the domain. */
  document_type: string;
  /** Normalized: no dots, dashes or spaces. */
  document_number: string;
  /** YYYY-MM-DD */
  birth_date: string;
  phone: string;
  activated_at: string | null;
  created_at: string;
}

export type VerificationPurpose = 'activation' | 'password_reset';

/** A 6-digit code and its link, mailed to prove the mailbox; only hashes are kept. */
export interface VerificationCodeTable {
  id: string;
  account_id: string;
  purpose: VerificationPurpose;
  code_hash: string;
  link_token_hash: string;
  expires_at: string;
  used_at: string | null;
  revoked_at: string | null;
  failed_attempts: Generated<number>;
  created_at: string;
}

export interface SessionTable {
  /** sha-256 of the bearer token, hex: the token itself is never stored. */
  token_hash: string;
  account_id: string;
  /** Client address and kiosk id the session was granted to. */
  kiosk: string;
  created_at: string;
  /** Absolute: a session is never extended. */
  expires_at: string;
  ended_at: string | null;
}

/** Failures counted per key (account, kiosk, address) in a fixed window. */
export interface ThrottleCounterTable {
  key: string;
  window_start: string;
  count: number;
  blocked_until: string | null;
}

/** A customer of the billing system, keyed by their identity document. */
export interface CustomerTable {
  /** A `DocumentType` of the domain. */
  document_type: string;
  /** Normalized: no dots, dashes or spaces, upper case. */
  document_number: string;
  first_name: string;
  last_name: string;
  /** YYYY-MM-DD */
  birth_date: string;
  updated_at: string;
}

export interface SupplyTable {
  number: string;
  /** A `ServiceKind` of the contract. */
  service: string;
  address: string;
  /** A `SupplyState` of the contract. */
  state: string;
  holder_document_type: string;
  holder_document_number: string;
  updated_at: string;
}

export interface InvoiceTable {
  /** As printed on the invoice. */
  number: string;
  /** The number without separators, upper case: what a customer's typing is matched with. */
  number_key: string;
  supply_number: string;
  /** YYYY-MM */
  period: string;
  /** A bigint column: PostgreSQL's driver reads it as a string. */
  amount_cents: ColumnType<number | string, number, number>;
  /** YYYY-MM-DD */
  due_date: string;
  /** An invoice state of the contract. */
  state: string;
  /** Empty when the billing system gave none (a paid or annulled invoice). */
  payment_barcode: string;
  updated_at: string;
}

export interface AccountSupplyTable {
  account_id: string;
  supply_number: string;
  linked_at: string;
}

/** "Facturas y Pagos" hand-offs: single use, short-lived; only the token's hash is kept. */
export interface PaymentsHandoffTable {
  token_hash: string;
  account_id: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

/** A resumable upload of one attachment file; the bytes live on disk, never in the database. */
export interface UploadTable {
  id: string;
  /** Whose it is: the session's account, or the account a delivery token was issued for. */
  account_id: string;
  sha256: string;
  size: number;
  /** Bytes received and kept so far (the upload's offset): the next chunk starts here. */
  received_bytes: number;
  /** Pages of the PDF, once complete. */
  pages: number | null;
  created_at: string;
  /** An incomplete upload is refused after this. */
  expires_at: string;
  completed_at: string | null;
}

/** The last public number given per year ("T-2026-000123"). */
export interface RequestNumberTable {
  year: number;
  last_number: number;
}

/** Narrow credentials to deliver one request (or answer) after the session ended. */
export interface DeliveryTokenTable {
  token_hash: string;
  account_id: string;
  /** `request` or `answer`. */
  purpose: string;
  /** For `answer`: the request it may answer. */
  request_id: string | null;
  /** For `request`: the public number reserved for it. */
  request_number: string | null;
  kiosk: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  /** The idempotency key of the delivery that used it: only its replay is still accepted. */
  used_key: string | null;
  /** sha-256 of the session token that minted it (null: issued before tokens had sessions). */
  session_hash: string | null;
  /** When the kiosk's sign-out named it as carrying a queued delivery: it outlives the session. */
  named_at: string | null;
  /** When it died: a sign-out that did not name it, or a password reset. */
  revoked_at: string | null;
}

/** A request ("trámite"): the values of its steps are JSON; attachments are rows. */
export interface RequestTable {
  id: string;
  number: string;
  request_type_id: string;
  title: string;
  account_id: string;
  supply_number: string | null;
  kiosk_id: string | null;
  /** A `RequestFieldValues` of the contract, as JSON. */
  fields: string;
  /** A `RequestState` of the contract. */
  state: string;
  /** For `observado`: the step the customer has to redo. */
  pending_step_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface RequestAttachmentTable {
  request_id: string;
  /** 0 for the submission, then one more per answer. */
  round: number;
  requirement_id: string;
  position: number;
  sha256: string;
  size: number;
  pages: number;
}

/** Every state a request went through, in order (`position` 0 is the submission). */
export interface RequestHistoryTable {
  request_id: string;
  position: number;
  state: string;
  message: string;
  step_id: string | null;
  /** `system`, `customer` or `staff`. */
  actor: string;
  staff_id: string | null;
  at: string;
}

/** What "Mis trámites" shows the customer: one per change of state. */
export interface NotificationTable {
  id: string;
  request_id: string;
  account_id: string;
  history_position: number;
  state: string;
  message: string;
  step_id: string | null;
  created_at: string;
  read_at: string | null;
}

/** A mutation's idempotency key and, once done, the answer it got (replayed to repeats). */
export interface IdempotencyKeyTable {
  /** Keys are scoped to an account: one account's key never replays another's answer. */
  account_id: string;
  key: string;
  operation: string;
  /** sha-256 of the operation and its canonical input: "the same body". */
  fingerprint: string;
  /** Who holds the key while its request runs: only that holder may record the answer. */
  claim_id: string;
  /** When the key was claimed; a claim without an answer after a while is taken over. */
  claimed_at: string;
  response_status: number | null;
  /** The answer's JSON. */
  response_body: string | null;
  completed_at: string | null;
}

/** A column added later: rows written before it, and code that does not know it, leave it out. */
type OptionalOnInsert<T> = ColumnType<T, T | undefined, T>;

export interface StaffMemberTable {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  created_at: string;
  disabled_at: string | null;
  /** argon2id of the 6 to 8 digit PIN typed at a kiosk; null until one is set. */
  pin_hash: OptionalOnInsert<string | null>;
  /** sha-256 of the badge's code, normalized; the badge names the member, the PIN proves it. */
  badge_hash: OptionalOnInsert<string | null>;
}

/** The roles a staff member holds (`staffRoles` of src/contract/staff.ts), one row each. */
export interface StaffMemberRoleTable {
  staff_id: string;
  role: string;
  granted_at: string;
}

export interface StaffSessionTable {
  token_hash: string;
  staff_id: string;
  kiosk: string;
  created_at: string;
  expires_at: string;
  ended_at: string | null;
  /** `central` (password: the staff API) or `kiosk` (PIN: one kiosk's staff panel). */
  scope: OptionalOnInsert<string>;
  /** For `kiosk` sessions: the enrolled kiosk they belong to. */
  kiosk_id: OptionalOnInsert<string | null>;
  /** For `kiosk` sessions: the last call, which the idle timeout counts from. */
  last_used_at: OptionalOnInsert<string | null>;
}

export interface KioskEnrolmentCodeTable {
  /** sha-256 of the normalized code: the code itself is shown once. */
  code_hash: string;
  branch: string;
  created_at: string;
  expires_at: string;
  created_by: string | null;
  used_at: string | null;
  /** The kiosk that enrolled with it. */
  used_by: string | null;
}

export interface KioskTable {
  /** The kiosk's own id (its settings' UUID). */
  id: string;
  branch: string;
  /** sha-256 of the credential: 256 random bits need no slow hash. */
  credential_hash: string;
  enrolled_at: string;
  revoked_at: string | null;
  revoked_by: string | null;
  revoke_reason: string | null;
  /** When the last heartbeat arrived, and what it said (a `Heartbeat` of the contract, JSON). */
  last_seen_at: string | null;
  last_heartbeat: string | null;
  /** `stable` or `beta`, set by IT; the kiosk learns it with each heartbeat's answer. */
  update_channel: Generated<string>;
}

export interface KioskHeartbeatTable {
  id: string;
  kiosk_id: string;
  received_at: string;
  /** A `Heartbeat` of the contract, as JSON. */
  report: string;
}

/** Every staff action: who, at which kiosk, on which customer and request, what, when. */
export interface StaffAuditTable {
  id: string;
  staff_id: string;
  kiosk_id: string | null;
  account_id: string | null;
  request_id: string | null;
  action: string;
  /** Details of the action as JSON (a transition's target and message, a page asked for). */
  detail: string | null;
  at: string;
}

/** A customer's session opened by staff at a kiosk (assisted mode), and why. */
export interface AssistedSessionTable {
  token_hash: string;
  staff_id: string;
  kiosk_id: string | null;
  reason: string;
  created_at: string;
}

/** A mail to send: written with the change that causes it, delivered by any instance. */
export interface MailOutboxTable {
  id: string;
  to_address: string;
  subject: string;
  text_body: string;
  html_body: string;
  state: 'waiting' | 'sent' | 'failed';
  attempts: Generated<number>;
  created_at: string;
  next_attempt_at: string;
  claimed_until: string | null;
  claim_token: string | null;
  sent_at: string | null;
  last_error: string | null;
}

/** A chunk of an upload in progress, on PostgreSQL (SQLite keeps them in its folder). */
export interface UploadChunkTable {
  upload_id: string;
  position: number;
  bytes: Buffer;
}

/** A complete attachment, content-addressed, on PostgreSQL (SQLite keeps them in its folder). */
export interface AttachmentBlobTable {
  sha256: string;
  size: number;
  bytes: Buffer;
  created_at: string;
}

export interface CentralSchema {
  request_types: RequestTypeTable;
  cooperative_settings: CooperativeSettingsTable;
  accounts: AccountTable;
  verification_codes: VerificationCodeTable;
  sessions: SessionTable;
  throttle_counters: ThrottleCounterTable;
  customers: CustomerTable;
  supplies: SupplyTable;
  invoices: InvoiceTable;
  account_supplies: AccountSupplyTable;
  payments_handoffs: PaymentsHandoffTable;
  uploads: UploadTable;
  request_numbers: RequestNumberTable;
  delivery_tokens: DeliveryTokenTable;
  requests: RequestTable;
  request_attachments: RequestAttachmentTable;
  request_history: RequestHistoryTable;
  notifications: NotificationTable;
  idempotency_keys: IdempotencyKeyTable;
  staff_members: StaffMemberTable;
  staff_member_roles: StaffMemberRoleTable;
  staff_sessions: StaffSessionTable;
  staff_audit: StaffAuditTable;
  kiosk_enrolment_codes: KioskEnrolmentCodeTable;
  kiosks: KioskTable;
  kiosk_heartbeats: KioskHeartbeatTable;
  assisted_sessions: AssistedSessionTable;
  mail_outbox: MailOutboxTable;
  upload_chunks: UploadChunkTable;
  attachment_blobs: AttachmentBlobTable;
}

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
}

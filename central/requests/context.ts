import type { PasswordHasher } from '../accounts/password-hashing.js';
import type { ThrottleConfig } from '../accounts/config.js';
import type { CentralDb } from '../db/index.js';
import type { Mailer } from '../mail/mailer.js';
import type { AttachmentFiles } from '../uploads/file-store.js';

/**
 * Lifetimes of requests' credentials and uploads, in one place. Tests pass a partial override
 * through `buildCentral({ requests: { config } })`.
 */
export type RequestsConfig = {
  /** An incomplete upload is refused after this (the kiosk starts it again). */
  uploadLifetimeMs: number;
  /** A complete upload no request references is removed, with its file, after this. */
  unusedAttachmentGraceMs: number;
  /** Uploads an account may have open (announced, not complete, not expired) at once. */
  maxOpenUploads: number;
  /** Announced bytes an account may have in open uploads at once. */
  maxBytesInProgress: number;
  /** A delivery token outlives the customer's session by this much: the outbox's patience. */
  deliveryTokenLifetimeMs: number;
  /** Unspent delivery tokens one session may hold at once (each reserves a request number). */
  deliveryTokensPerSession: number;
  /**
   * An idempotency key claimed by a request that never answered (the central died mid-way) is
   * taken over after this; until then a repeat answers 409.
   */
  idempotencyClaimMs: number;
  /** A staff session: a shift at the counter. */
  staffSessionLifetimeMs: number;
  /** Where the cooperative is: the year of a request's public number is this zone's. */
  timeZone: string;
};

const hour = 3_600_000;

export const defaultRequestsConfig: RequestsConfig = {
  uploadLifetimeMs: 24 * hour,
  unusedAttachmentGraceMs: 48 * hour,
  maxOpenUploads: 10,
  maxBytesInProgress: 60 * 1024 * 1024,
  deliveryTokenLifetimeMs: 24 * hour,
  deliveryTokensPerSession: 5,
  idempotencyClaimMs: 60_000,
  staffSessionLifetimeMs: 8 * hour,
  timeZone: 'America/Argentina/Buenos_Aires',
};

export type RequestsConfigOverride = Partial<RequestsConfig>;

/** What every request, upload and staff operation is given: passed in, so tests move time. */
export type RequestsContext = {
  db: CentralDb;
  now: () => Date;
  mailer: Mailer;
  /** Where attachments are kept; null when the central has no data folder (uploads answer 503). */
  files: AttachmentFiles | null;
  config: RequestsConfig;
  /** Staff passwords use the accounts' hasher and sign-in throttling. */
  hasher: PasswordHasher;
  throttle: ThrottleConfig;
};

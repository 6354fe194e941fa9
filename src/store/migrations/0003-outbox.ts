import type { KioskMigration } from './types.js';

/**
 * The outbox: what the kiosk promised a customer to deliver to the central. The AUTOINCREMENT id
 * is the per-kiosk sequence (never reused, even after rows go). Payloads and delivery credentials
 * are sealed with the device key; attachments are sealed files named here, removed once delivered.
 * A delivered item keeps only its reference and number, so a receipt can be traced, not its data.
 */
export const outbox: KioskMigration = {
  version: 3,
  name: 'outbox',
  up(db) {
    db.exec(`
      CREATE TABLE outbox_items (
        sequence INTEGER PRIMARY KEY AUTOINCREMENT,
        idempotency_key TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL CHECK (kind IN ('request', 'answer')),
        reference TEXT NOT NULL UNIQUE,
        owner TEXT NOT NULL,
        payload BLOB,
        credential BLOB,
        state TEXT NOT NULL CHECK (state IN ('waiting', 'rejected', 'needs-auth', 'delivered')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT NOT NULL,
        last_error TEXT,
        request_number TEXT,
        request_id TEXT,
        created_at TEXT NOT NULL,
        delivered_at TEXT,
        CHECK (state = 'delivered' OR payload IS NOT NULL)
      ) STRICT;
      CREATE INDEX outbox_items_due ON outbox_items (state, next_attempt_at);
      CREATE TABLE outbox_attachments (
        sequence INTEGER NOT NULL REFERENCES outbox_items (sequence) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        requirement_id TEXT NOT NULL,
        file_name TEXT NOT NULL UNIQUE,
        sha256 TEXT NOT NULL,
        size INTEGER NOT NULL,
        pages INTEGER NOT NULL,
        uploaded INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (sequence, position)
      ) STRICT;
    `);
  },
};

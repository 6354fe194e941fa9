import type { KioskMigration } from './types.js';

/**
 * A request in progress, kept for the length of the customer's session so a crash of the kiosk
 * does not lose it. Keyed by the session (the sha-256 of its token); `owner` is a pseudonym of the
 * account so the same customer signing in again after a crash gets it back; everything else is
 * sealed with the device key. Rows go when the session ends or expires.
 */
export const requestDrafts: KioskMigration = {
  version: 4,
  name: 'request-drafts',
  up(db) {
    db.exec(`
      CREATE TABLE request_drafts (
        session_id TEXT PRIMARY KEY,
        owner TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        body BLOB NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX request_drafts_owner ON request_drafts (owner);
      CREATE TABLE request_draft_files (
        session_id TEXT NOT NULL
          REFERENCES request_drafts (session_id) ON DELETE CASCADE ON UPDATE CASCADE,
        file_id TEXT NOT NULL,
        body BLOB NOT NULL,
        PRIMARY KEY (session_id, file_id)
      ) STRICT;
    `);
  },
};

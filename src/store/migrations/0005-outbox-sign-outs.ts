import type { KioskMigration } from './types.js';

/**
 * Sign-outs that could not reach the central wait here, behind the deliveries they name: the
 * session's token (sealed with the device key) and the outbox sequence reached when the customer
 * left. A row goes once the central has ended the session (or says it had ended already).
 * `outbox_spares` holds the delivery tokens got ahead of "Enviar", sealed, by session and purpose,
 * until a request takes one or the session ends.
 */
export const outboxSignOuts: KioskMigration = {
  version: 5,
  name: 'outbox-sign-outs',
  up(db) {
    db.exec(`
      CREATE TABLE outbox_sign_outs (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        session_id TEXT NOT NULL UNIQUE,
        payload BLOB NOT NULL,
        after_sequence INTEGER NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT NOT NULL,
        last_error TEXT,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE TABLE outbox_spares (
        session_id TEXT NOT NULL,
        purpose TEXT NOT NULL,
        credential BLOB NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (session_id, purpose)
      ) STRICT;
    `);
  },
};

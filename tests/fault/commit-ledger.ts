import path from 'node:path';
import Database from 'better-sqlite3';
import { openKioskStore } from '../../src/store/index.js';

export const kioskDatabase = (kioskDir: string) => path.join(kioskDir, 'kiosk.sqlite');

/**
 * A test-only ledger of what the kiosk committed to its outbox, written by triggers inside the
 * outbox's own transactions: exactly the items (and attachment hashes) the kiosk promised, even
 * those it delivered, and so forgot, before the test could look.
 */
export function installCommitLedger(kioskDir: string): void {
  // Creates the kiosk's database with its tables, as the core would on first start.
  openKioskStore(kioskDir).close();
  const db = new Database(kioskDatabase(kioskDir));
  try {
    db.exec(`
      CREATE TABLE IF NOT EXISTS ledger_items (sequence INTEGER PRIMARY KEY, idempotency_key TEXT);
      CREATE TABLE IF NOT EXISTS ledger_attachments (sequence INTEGER, sha256 TEXT, size INTEGER);
      CREATE TRIGGER IF NOT EXISTS ledger_item AFTER INSERT ON outbox_items BEGIN
        INSERT INTO ledger_items VALUES (new.sequence, new.idempotency_key);
      END;
      CREATE TRIGGER IF NOT EXISTS ledger_attachment AFTER INSERT ON outbox_attachments BEGIN
        INSERT INTO ledger_attachments VALUES (new.sequence, new.sha256, new.size);
      END;
    `);
  } finally {
    db.close();
  }
}

export type LedgerItem = {
  sequence: number;
  idempotencyKey: string;
  attachments: { sha256: string; size: number }[];
};

export function readLedger(db: Database.Database): LedgerItem[] {
  const attachments = db
    .prepare<[], { sequence: number; sha256: string; size: number }>(
      'SELECT sequence, sha256, size FROM ledger_attachments',
    )
    .all();
  return db
    .prepare<[], { sequence: number; idempotencyKey: string }>(
      'SELECT sequence, idempotency_key AS idempotencyKey FROM ledger_items ORDER BY sequence',
    )
    .all()
    .map((item) => ({
      ...item,
      attachments: attachments
        .filter((attachment) => attachment.sequence === item.sequence)
        .map(({ sha256, size }) => ({ sha256, size })),
    }));
}

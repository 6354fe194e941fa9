import path from 'node:path';
import { chmodSync, closeSync, mkdirSync, openSync, statSync } from 'node:fs';
import { createCatalogCache } from './catalog-cache.js';
import { integrityCheck, openDatabase } from './database.js';
import { createDraftStore } from './draft-store.js';
import { createOutboxReview } from './outbox-review.js';
import { createOutboxStore } from './outbox-store.js';
import { createSettings } from './settings.js';

export type { CachedCatalog, CatalogCache } from './catalog-cache.js';
export type { DraftRow, DraftStore } from './draft-store.js';
export type {
  NewOutboxItem,
  OutboxAttachmentRow,
  OutboxKind,
  OutboxRow,
  OutboxSignOutRow,
  OutboxState,
  OutboxStore,
} from './outbox-store.js';
export type { OutboxReview, OutboxReviewRow } from './outbox-review.js';
export type { KioskSettings } from './settings.js';

/** The kiosk's local store: the only module of the kiosk that touches SQLite. */
export function openKioskStore(dataDir: string) {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(dataDir, 'kiosk.sqlite');
  ownerOnly(file);
  const db = openDatabase(file);
  return {
    catalog: createCatalogCache(db),
    settings: createSettings(db),
    outbox: createOutboxStore(db),
    /** Staff's view of the outbox: list, requeue, discard. */
    outboxReview: createOutboxReview(db),
    drafts: createDraftStore(db),
    /** Runs `work` in one transaction: all of its writes land, or none. */
    transaction: <T>(work: () => T): T => db.transaction(work)(),
    /**
     * Moves the WAL into the database file and truncates it, so pages of deleted rows do not
     * linger in the log (deleted rows themselves are zeroed: secure_delete).
     */
    checkpoint: () => db.pragma('wal_checkpoint(TRUNCATE)'),
    integrityCheck: () => integrityCheck(db),
    close: () => db.close(),
  };
}

export type KioskStore = ReturnType<typeof openKioskStore>;

/**
 * The database file only the kiosk's user can read: created 0600 before SQLite opens it (SQLite
 * gives its -wal and -shm the main file's mode), and tightened when copied in looser.
 */
function ownerOnly(file: string): void {
  closeSync(openSync(file, 'a', 0o600));
  for (const each of [file, `${file}-wal`, `${file}-shm`]) {
    try {
      if ((statSync(each).mode & 0o077) !== 0) chmodSync(each, 0o600);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
}

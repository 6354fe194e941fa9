import path from 'node:path';
import { mkdirSync } from 'node:fs';
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
  OutboxState,
  OutboxStore,
} from './outbox-store.js';
export type { OutboxReview, OutboxReviewRow } from './outbox-review.js';
export type { KioskSettings } from './settings.js';

/** The kiosk's local store: the only module of the kiosk that touches SQLite. */
export function openKioskStore(dataDir: string) {
  mkdirSync(dataDir, { recursive: true });
  const db = openDatabase(path.join(dataDir, 'kiosk.sqlite'));
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

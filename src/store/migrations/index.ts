import { settings } from './0001-settings.js';
import { catalogCache } from './0002-catalog-cache.js';
import { outbox } from './0003-outbox.js';
import { requestDrafts } from './0004-request-drafts.js';
import { outboxSignOuts } from './0005-outbox-sign-outs.js';
import type { KioskMigration } from './types.js';

export type { KioskMigration } from './types.js';

/** In order; a new migration is a new file appended here, never an edit of an old one. */
export const kioskMigrations: readonly KioskMigration[] = [
  settings,
  catalogCache,
  outbox,
  requestDrafts,
  outboxSignOuts,
];

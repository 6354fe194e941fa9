import type { KioskMigration } from './types.js';

/**
 * The last catalogue the central served, with its ETag, so the welcome screen and every request
 * form still work while the branch's link is down. One row: the catalogue is replaced whole.
 */
export const catalogCache: KioskMigration = {
  version: 2,
  name: 'catalog-cache',
  up(db) {
    db.exec(`
      CREATE TABLE catalog_cache (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        etag TEXT NOT NULL,
        body TEXT NOT NULL,
        synced_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};

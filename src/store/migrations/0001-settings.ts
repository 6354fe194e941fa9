import type { KioskMigration } from './types.js';

/** Kiosk-wide settings (kiosk id, last sync): small values, stored as JSON text. */
export const settings: KioskMigration = {
  version: 1,
  name: 'settings',
  up(db) {
    db.exec(`
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};

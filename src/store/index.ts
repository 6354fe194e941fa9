import path from 'node:path';
import { mkdirSync } from 'node:fs';
import { createCatalogCache } from './catalog-cache.js';
import { integrityCheck, openDatabase } from './database.js';
import { createSettings } from './settings.js';

export type { CachedCatalog, CatalogCache } from './catalog-cache.js';
export type { KioskSettings } from './settings.js';

/** The kiosk's local store: the only module of the kiosk that touches SQLite. */
export function openKioskStore(dataDir: string) {
  mkdirSync(dataDir, { recursive: true });
  const db = openDatabase(path.join(dataDir, 'kiosk.sqlite'));
  return {
    catalog: createCatalogCache(db),
    settings: createSettings(db),
    integrityCheck: () => integrityCheck(db),
    close: () => db.close(),
  };
}

export type KioskStore = ReturnType<typeof openKioskStore>;

import { settings } from './0001-settings.js';
import { catalogCache } from './0002-catalog-cache.js';
import type { KioskMigration } from './types.js';

export type { KioskMigration } from './types.js';

/** In order; a new migration is a new file appended here, never an edit of an old one. */
export const kioskMigrations: readonly KioskMigration[] = [settings, catalogCache];

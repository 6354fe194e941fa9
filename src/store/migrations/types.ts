import type { Database } from 'better-sqlite3';

/** One schema change of the kiosk's SQLite file; `version` is stored in PRAGMA user_version. */
export type KioskMigration = {
  readonly version: number;
  readonly name: string;
  up(db: Database): void;
};

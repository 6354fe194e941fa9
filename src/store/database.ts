import Database from 'better-sqlite3';
import { kioskMigrations, type KioskMigration } from './migrations/index.js';

export type SqliteDatabase = Database.Database;

/**
 * Opens the kiosk's SQLite file. WAL with synchronous=FULL: once a write returns, it survives a
 * power cut, which is what "nothing lost" rests on.
 */
export function openDatabase(
  file: string,
  migrations: readonly KioskMigration[] = kioskMigrations,
) {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  // Deleted rows (a customer's draft, a delivered request) are overwritten, not left in free pages.
  db.pragma('secure_delete = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db, migrations);
  return db;
}

export function migrate(db: SqliteDatabase, migrations: readonly KioskMigration[]) {
  const current = db.pragma('user_version', { simple: true }) as number;
  const sorted = [...migrations].sort((a, b) => a.version - b.version);
  sorted.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(
        `Kiosk migrations must be numbered 1..n; found ${migration.version} at ${index + 1}`,
      );
    }
  });
  const latest = sorted.at(-1)?.version ?? 0;
  if (current > latest) {
    throw new Error(
      `The kiosk database is at version ${current}, newer than this app (${latest}).`,
    );
  }
  for (const migration of sorted) {
    if (migration.version <= current) continue;
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
}

export function integrityCheck(db: SqliteDatabase): string {
  return db.pragma('integrity_check', { simple: true }) as string;
}

import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { CentralSchema } from './schema.js';

export type Engine = 'sqlite' | 'postgres';

/** Where the central keeps its data: PostgreSQL when a URL is given, else SQLite in `dataDir`. */
export type DatabaseLocation =
  { databaseUrl: string } | { dataDir: string; databaseUrl?: undefined };

export type CentralDb = Kysely<CentralSchema>;

export type CentralDatabase = {
  db: CentralDb;
  engine: Engine;
  /** Closes the connection pool (PostgreSQL) or the file (SQLite). */
  destroy: () => Promise<void>;
};

export const SQLITE_FILE_NAME = 'central.sqlite';

export function createDatabase(location: DatabaseLocation): CentralDatabase {
  if (location.databaseUrl !== undefined) return openPostgres(location.databaseUrl);
  return openSqlite(path.join(location.dataDir, SQLITE_FILE_NAME));
}

function openSqlite(file: string): CentralDatabase {
  mkdirSync(path.dirname(file), { recursive: true });
  const database = new SqliteDatabase(file);
  // WAL with synchronous=FULL: a write the central has answered survives a power cut.
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = FULL');
  database.pragma('foreign_keys = ON');
  database.pragma('busy_timeout = 5000');
  const db = new Kysely<CentralSchema>({ dialect: new SqliteDialect({ database }) });
  // Kysely closes only what it has used; a database opened and never queried is closed here.
  const destroy = async () => {
    await db.destroy();
    if (database.open) database.close();
  };
  return { db, engine: 'sqlite', destroy };
}

function openPostgres(connectionString: string): CentralDatabase {
  const pool = new pg.Pool({ connectionString, connectionTimeoutMillis: 10_000, max: 10 });
  // An idle client that loses its server emits 'error' on the pool; without a listener that
  // would crash the process instead of failing the next query.
  pool.on('error', () => {});
  const db = new Kysely<CentralSchema>({ dialect: new PostgresDialect({ pool }) });
  const destroy = async () => {
    await db.destroy();
    if (!pool.ended) await pool.end();
  };
  return { db, engine: 'postgres', destroy };
}

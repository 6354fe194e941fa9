import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, it } from 'vitest';
import { createDatabase, type CentralDatabase, type Engine } from '../db/index.js';

/**
 * Runs a suite once per database engine: SQLite in a temp folder, and PostgreSQL in a throwaway
 * database `ventanilla_test_<random>` created on TEST_DATABASE_URL (dropped after the suite).
 * Without a reachable PostgreSQL its variant is skipped with a message, except under CI or
 * REQUIRE_POSTGRES=1, where it fails.
 */
export const postgresServerUrl =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const postgresRequired =
  process.env.REQUIRE_POSTGRES === '1' || !['', '0', 'false', undefined].includes(process.env.CI);

/** Where a test's central keeps its data; pass it to startCentral or createDatabase. */
export type TestLocation = { dataDir: string; databaseUrl?: string };

export type TestEngine = {
  readonly name: Engine;
  /** A new empty database (and data folder), removed after the suite. */
  newLocation(): Promise<TestLocation>;
  /** A new empty database, opened; destroyed and removed after the suite. */
  openDatabase(): Promise<CentralDatabase>;
};

const postgresProbe = await probePostgres();

export function describeEachEngine(name: string, suite: (engine: TestEngine) => void): void {
  describe(`${name} [sqlite]`, () => suite(testEngine('sqlite')));
  describeOnPostgres(name, suite);
}

/** A suite that only means something on PostgreSQL (several centrals on one database). */
export function describeOnPostgres(name: string, suite: (engine: TestEngine) => void): void {
  if (postgresProbe === true) {
    describe(`${name} [postgres]`, () => suite(testEngine('postgres')));
  } else if (postgresRequired) {
    describe(`${name} [postgres]`, () => {
      it('needs PostgreSQL (CI or REQUIRE_POSTGRES=1)', () => {
        throw new Error(
          `PostgreSQL is unreachable at ${redact(postgresServerUrl)}: ${postgresProbe}`,
        );
      });
    });
  } else {
    console.warn(
      `PostgreSQL is unreachable at ${redact(postgresServerUrl)} (${postgresProbe}): ` +
        `skipping "${name} [postgres]". Set REQUIRE_POSTGRES=1 to make this a failure.`,
    );
    describe.skip(`${name} [postgres]`, () => suite(testEngine('postgres')));
  }
}

function testEngine(name: Engine): TestEngine {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  async function newLocation(): Promise<TestLocation> {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'ventanilla-central-'));
    cleanups.push(() => Promise.resolve(rmSync(dataDir, { recursive: true, force: true })));
    if (name === 'sqlite') return { dataDir };
    const databaseName = `ventanilla_test_${randomBytes(6).toString('hex')}`;
    await onServer((admin) => sql`create database ${sql.id(databaseName)}`.execute(admin));
    cleanups.push(async () => {
      await onServer((admin) =>
        sql`drop database if exists ${sql.id(databaseName)} with (force)`.execute(admin),
      );
    });
    const url = new URL(postgresServerUrl);
    url.pathname = `/${databaseName}`;
    return { dataDir, databaseUrl: url.toString() };
  }

  return {
    name,
    newLocation,
    async openDatabase() {
      const location = await newLocation();
      const database = createDatabase(
        location.databaseUrl ? { databaseUrl: location.databaseUrl } : location,
      );
      cleanups.push(() => database.destroy());
      return database;
    },
  };
}

async function onServer<T>(work: (admin: CentralDatabase['db']) => Promise<T>): Promise<T> {
  const admin = createDatabase({ databaseUrl: postgresServerUrl });
  try {
    return await work(admin.db);
  } finally {
    await admin.destroy();
  }
}

/** `true`, or why PostgreSQL cannot be used. */
async function probePostgres(): Promise<true | string> {
  const timeout = new Promise<string>((resolve) =>
    setTimeout(() => resolve('timeout'), 5_000).unref(),
  );
  const probe = onServer((admin) => sql`select 1`.execute(admin)).then(
    () => true as const,
    (error: unknown) => (error instanceof Error ? error.message : String(error)),
  );
  return Promise.race([probe, timeout]);
}

function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}

import { Migrator, type Kysely, type MigrationResultSet } from 'kysely';
import { centralMigrations } from './migrations/index.js';

export function createMigrator<DB>(db: Kysely<DB>) {
  return new Migrator({
    db,
    provider: { getMigrations: () => Promise.resolve(centralMigrations) },
  });
}

/** Brings the schema up to date; throws, naming the failed migration, if one fails. */
export async function migrateToLatest<DB>(db: Kysely<DB>): Promise<string[]> {
  return applied(await createMigrator(db).migrateToLatest());
}

export function applied({ error, results = [] }: MigrationResultSet): string[] {
  const failed = results.find((result) => result.status === 'Error');
  if (error !== undefined || failed) {
    const name = failed ? ` (${failed.migrationName})` : '';
    throw new Error(`Database migration failed${name}`, { cause: error });
  }
  return results.filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

import type { CentralDb } from '../db/index.js';

/** What a migration left in the database, as its test checks it. */
export async function schemaOf(db: CentralDb) {
  const tables = await db.introspection.getTables();
  return {
    names: tables.map((table) => table.name),
    /** A table's column names, sorted (undefined when there is no such table). */
    columns: (table: string) =>
      tables
        .find((candidate) => candidate.name === table)
        ?.columns.map((column) => column.name)
        .sort(),
  };
}

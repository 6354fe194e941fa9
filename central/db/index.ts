export {
  createDatabase,
  SQLITE_FILE_NAME,
  type CentralDatabase,
  type CentralDb,
  type DatabaseLocation,
  type Engine,
} from './database.js';
export { createMigrator, migrateToLatest } from './migrate.js';
export type { CentralSchema } from './schema.js';
export { isUniqueViolation } from './errors.js';

import type { AddressInfo } from 'node:net';
import packageJson from '../package.json' with { type: 'json' };
import { buildCentral } from './app.js';
import { loadCatalogResources, type CatalogSource } from './catalog/resources.js';
import { seedCatalogIfEmpty } from './catalog/store.js';
import { createDatabase, migrateToLatest, type Engine } from './db/index.js';

export type StartCentralOptions = {
  /** Always loopback unless told otherwise. */
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Folder of the SQLite file (when no database URL is given) and of the central's files. */
  dataDir: string;
  /** PostgreSQL connection string; without it the central uses SQLite in `dataDir`. */
  databaseUrl?: string;
  version?: string;
  logger?: boolean;
  /** Where the catalogue is seeded from when the database has none. */
  catalogSource?: CatalogSource;
};

export type RunningCentral = {
  url: string;
  port: number;
  engine: Engine;
  /** Stops listening, then closes the database. */
  close(): Promise<void>;
};

/** Opens the database, migrates it, seeds the catalogue if it has none, and listens. */
export async function startCentral({
  host = '127.0.0.1',
  port = 0,
  dataDir,
  databaseUrl,
  version = packageJson.version,
  logger = false,
  catalogSource,
}: StartCentralOptions): Promise<RunningCentral> {
  const { db, engine, destroy } = createDatabase(databaseUrl ? { databaseUrl } : { dataDir });
  let app: ReturnType<typeof buildCentral> | undefined;
  try {
    await migrateToLatest(db);
    await seedCatalogIfEmpty(db, () => loadCatalogResources(catalogSource));
    app = buildCentral({ db, engine, version, logger });
    await app.listen({ host, port });
  } catch (error) {
    await app?.close();
    await destroy();
    throw error;
  }

  const address = app.server.address() as AddressInfo;
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const running = app;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost}:${address.port}`,
    port: address.port,
    engine,
    close() {
      closing ??= running.close().then(destroy);
      return closing;
    },
  };
}

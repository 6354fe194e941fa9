import path from 'node:path';
import { createCustomerSession } from '../session/customer-session.js';
import { openKioskStore } from '../store/index.js';
import { createCatalogSync } from '../sync/catalog-sync.js';
import { createCentralClient } from '../sync/central-client.js';
import { defaultResourcesDir } from '../documents/pdf-fonts.js';
import { accountHandlers } from './account-handlers.js';
import { pdfFallbackPrinter, type Printer } from './printer.js';
import { supplyHandlers } from './supply-handlers.js';
import type { KioskHandlers } from './dispatch.js';

export type KioskCoreOptions = {
  /** Folder for the kiosk's SQLite file and temporary files. */
  dataDir: string;
  /** Base URL of the central API, e.g. http://127.0.0.1:8080 */
  centralUrl: string;
  host: 'electron' | 'web';
  version: string;
  /** Injected so tests can drive time. */
  now?: () => Date;
  /** How often the catalogue is synced, in ms (default 60 s). */
  syncIntervalMs?: number;
  fetch?: typeof fetch;
  /** The app's resources/ folder (fonts, templates). */
  resourcesDir?: string;
  /** The kiosk's printer; without one, printed documents are kept as PDFs for the session. */
  printer?: Printer;
  /** The branch this kiosk stands in, printed on receipts and coupons. */
  branch?: string;
  /** Where unexpected errors of the background loop go. */
  log?: (message: string, error?: unknown) => void;
};

export type KioskCore = {
  readonly handlers: KioskHandlers;
  /** Starts the background sync loop (first sync at once). */
  start(): void;
  stop(): Promise<void>;
};

/** Wires the kiosk's pieces together; the same core runs under Electron and under the web host. */
export function createKioskCore(options: KioskCoreOptions): KioskCore {
  const now = options.now ?? (() => new Date());
  const log = options.log ?? ((message, error) => console.error(message, error));
  const store = openKioskStore(options.dataDir);
  const client = createCentralClient({
    baseUrl: options.centralUrl,
    kioskId: store.settings.kioskId(),
    fetch: options.fetch,
  });
  const session = createCustomerSession({
    tempRoot: path.join(options.dataDir, 'tmp'),
    now,
    endOnCentral: (token) =>
      client
        .call('signOut', { token })
        .then(() => undefined)
        // The central may be unreachable or the token already gone; the kiosk forgets anyway,
        // and the token dies at its absolute lifetime.
        .catch((error: unknown) => log('Sign-out on the central failed', error)),
  });
  const catalogSync = createCatalogSync({ client, cache: store.catalog, now });
  let timer: NodeJS.Timeout | undefined;

  const handlers: KioskHandlers = {
    'app:info': () =>
      Promise.resolve({
        version: options.version,
        host: options.host,
        branding: store.catalog.load()?.catalog.branding ?? null,
      }),
    'catalog:get': () => {
      const cached = store.catalog.load();
      return Promise.resolve({
        catalog: cached?.catalog ?? null,
        syncedAt: cached?.syncedAt ?? null,
      });
    },
    'sync:status': () => Promise.resolve(catalogSync.status()),
    'sync:now': () => catalogSync.syncNow(),
    ...accountHandlers({ client, session }),
    ...supplyHandlers({
      client,
      session,
      printer: options.printer ?? pdfFallbackPrinter,
      catalog: () => store.catalog.load()?.catalog ?? null,
      resourcesDir: options.resourcesDir ?? defaultResourcesDir,
      ...(options.branch && { branch: options.branch }),
      now,
    }),
  };

  const syncInBackground = () => {
    catalogSync
      .syncNow()
      .catch((error: unknown) => log('Catalogue sync failed unexpectedly', error));
  };

  return {
    handlers,
    start() {
      if (timer) return;
      syncInBackground();
      timer = setInterval(syncInBackground, options.syncIntervalMs ?? 60_000);
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
      timer = undefined;
      await session.end();
      await catalogSync.idle();
      store.close();
    },
  };
}

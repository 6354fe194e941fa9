import type { SyncStatus } from '../contract/index.js';
import type { CatalogCache } from '../store/index.js';
import { CentralError, type CentralClient } from './central-client.js';

/**
 * Keeps the cached catalogue current with conditional requests and remembers how the last
 * attempt went, which is what the kiosk shows as online / offline / last sync.
 */
export function createCatalogSync(deps: {
  client: CentralClient;
  cache: CatalogCache;
  now: () => Date;
}) {
  const status: SyncStatus = {
    online: false,
    lastSyncAt: deps.cache.load()?.syncedAt ?? null,
    lastAttemptAt: null,
    lastError: null,
  };
  let running: Promise<SyncStatus> | null = null;

  async function attempt(): Promise<SyncStatus> {
    const at = deps.now().toISOString();
    status.lastAttemptAt = at;
    try {
      const cached = deps.cache.load();
      const result = await deps.client.getCatalog(cached?.etag);
      if (result.status === 'modified') deps.cache.save(result.catalog, result.etag, at);
      else deps.cache.markFresh(at);
      Object.assign(status, { online: true, lastSyncAt: at, lastError: null });
    } catch (error) {
      status.online = false;
      status.lastError =
        error instanceof CentralError ? error.message : 'Error inesperado al sincronizar.';
      if (!(error instanceof CentralError)) throw error;
    }
    return { ...status };
  }

  return {
    status: (): SyncStatus => ({ ...status }),
    /**
     * Any call to the central tells whether the link works: a failure shows "Sin conexión" at
     * once; an answer after one shows "En línea" again (the catalogue's own time is unchanged).
     */
    linkObserved(reachable: boolean, failure: string | null): void {
      if (reachable === status.online) return;
      status.online = reachable;
      status.lastError = failure;
    },
    /** One sync at a time: a second caller waits for the one under way. */
    syncNow(): Promise<SyncStatus> {
      running ??= attempt().finally(() => {
        running = null;
      });
      return running;
    },
    /** Resolves when no sync is under way (for a clean shutdown). */
    async idle(): Promise<void> {
      await running?.catch(() => undefined);
    },
  };
}

export type CatalogSync = ReturnType<typeof createCatalogSync>;

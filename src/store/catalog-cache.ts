import { Catalog } from '../contract/index.js';
import type { SqliteDatabase } from './database.js';

export type CachedCatalog = { catalog: Catalog; etag: string; syncedAt: string };

type Row = { etag: string; body: string; synced_at: string };

export function createCatalogCache(db: SqliteDatabase) {
  const select = db.prepare<[], Row>(
    'SELECT etag, body, synced_at FROM catalog_cache WHERE id = 1',
  );
  const upsert = db.prepare<[string, string, string]>(
    `INSERT INTO catalog_cache (id, etag, body, synced_at) VALUES (1, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET etag = excluded.etag, body = excluded.body, synced_at = excluded.synced_at`,
  );
  const touch = db.prepare<[string]>('UPDATE catalog_cache SET synced_at = ? WHERE id = 1');

  return {
    /** The cached catalogue, or null when none was ever synced or the stored copy is unusable. */
    load(): CachedCatalog | null {
      const row = select.get();
      if (!row) return null;
      // Stored JSON is a boundary too: a copy written by an older app version may not parse.
      const parsed = Catalog.safeParse(safeJson(row.body));
      if (!parsed.success) return null;
      return { catalog: parsed.data, etag: row.etag, syncedAt: row.synced_at };
    },
    save(catalog: Catalog, etag: string, syncedAt: string) {
      upsert.run(etag, JSON.stringify(catalog), syncedAt);
    },
    /** The central answered 304: the copy is current as of now. */
    markFresh(syncedAt: string) {
      touch.run(syncedAt);
    },
  };
}

export type CatalogCache = ReturnType<typeof createCatalogCache>;

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

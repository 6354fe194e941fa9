import { Branding, RequestType, Settings, type Catalog } from '../../src/contract/index.js';
import type { CentralDb } from '../db/index.js';
import { catalogVersion, CatalogContent } from './content.js';

const SETTINGS_ROW = 1;

/** The catalogue as the kiosks get it, or null while the cooperative has none. */
export async function readCatalog(db: CentralDb): Promise<Catalog | null> {
  // One transaction, so the version always matches the request types read with it.
  return db.transaction().execute(async (trx) => {
    const cooperative = await trx
      .selectFrom('cooperative_settings')
      .selectAll()
      .where('id', '=', SETTINGS_ROW)
      .executeTakeFirst();
    if (!cooperative) return null;
    const rows = await trx
      .selectFrom('request_types')
      .select('definition')
      .orderBy('position')
      .execute();
    return {
      version: cooperative.catalog_version,
      branding: Branding.parse(JSON.parse(cooperative.branding)),
      settings: Settings.parse(JSON.parse(cooperative.settings)),
      requestTypes: rows.map((row) => RequestType.parse(JSON.parse(row.definition))),
    };
  });
}

/** The current catalogue's version alone: enough to answer a kiosk that already has it. */
export async function readCatalogVersion(db: CentralDb): Promise<string | null> {
  const row = await db
    .selectFrom('cooperative_settings')
    .select('catalog_version')
    .where('id', '=', SETTINGS_ROW)
    .executeTakeFirst();
  return row?.catalog_version ?? null;
}

/** Replaces the whole catalogue at once and returns it with its new version. */
export async function replaceCatalog(
  db: CentralDb,
  content: CatalogContent,
  now: Date = new Date(),
): Promise<Catalog> {
  const parsed = CatalogContent.parse(content);
  const version = catalogVersion(parsed);
  const updatedAt = now.toISOString();
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('request_types').execute();
    if (parsed.requestTypes.length > 0) {
      await trx
        .insertInto('request_types')
        .values(
          parsed.requestTypes.map((type, position) => ({
            id: type.id,
            position,
            definition: JSON.stringify(type),
            updated_at: updatedAt,
          })),
        )
        .execute();
    }
    const cooperative = {
      branding: JSON.stringify(parsed.branding),
      settings: JSON.stringify(parsed.settings),
      catalog_version: version,
      updated_at: updatedAt,
    };
    await trx
      .insertInto('cooperative_settings')
      .values({ id: SETTINGS_ROW, ...cooperative })
      .onConflict((conflict) => conflict.column('id').doUpdateSet(cooperative))
      .execute();
  });
  return { version, ...parsed };
}

/**
 * Loads the catalogue into an empty database; a database that already has one keeps it.
 * Returns whether it seeded.
 */
export async function seedCatalogIfEmpty(
  db: CentralDb,
  load: () => Promise<CatalogContent>,
): Promise<boolean> {
  const [settings, types] = await Promise.all([
    db.selectFrom('cooperative_settings').select('id').limit(1).executeTakeFirst(),
    db.selectFrom('request_types').select('id').limit(1).executeTakeFirst(),
  ]);
  if (settings || types) return false;
  await replaceCatalog(db, await load());
  return true;
}

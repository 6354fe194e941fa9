import { beforeAll, expect, it } from 'vitest';
import { Catalog } from '../../src/contract/index.js';
import { migrateToLatest, type CentralDb } from '../db/index.js';
import { describeEachEngine } from '../testing/engines.js';
import { CatalogContent, catalogVersion } from './content.js';
import { loadCatalogResources } from './resources.js';
import { readCatalog, replaceCatalog, seedCatalogIfEmpty } from './store.js';

describeEachEngine('catalogue store', (engine) => {
  let db: CentralDb;
  beforeAll(async () => {
    ({ db } = await engine.openDatabase());
    await migrateToLatest(db);
  });

  it('has no catalogue before seeding', async () => {
    expect(await readCatalog(db)).toBeNull();
  });

  it('seeds an empty database from the resources, once', async () => {
    const resources = await loadCatalogResources();
    expect(await seedCatalogIfEmpty(db, loadCatalogResources)).toBe(true);
    const catalog = Catalog.parse(await readCatalog(db));
    expect(catalog.version).toBe(catalogVersion(resources));
    expect(catalog.requestTypes.map((t) => t.title)).toEqual([
      'Solicitud Alta Energía',
      'Solicitud de Servicio Social',
      'Solicitud de Servicio Internet',
      'Solicitud de Revisión de Pilar',
    ]);
    expect(catalog).toEqual({ version: catalog.version, ...resources });

    const load = () => Promise.reject(new Error('must not load again'));
    expect(await seedCatalogIfEmpty(db, load)).toBe(false);
  });

  it('replaces the whole catalogue and gives it a new version', async () => {
    const before = Catalog.parse(await readCatalog(db));
    const content = CatalogContent.parse(before);
    const [first, ...others] = content.requestTypes;
    const replaced = await replaceCatalog(db, {
      ...content,
      requestTypes: [...others, { ...first!, summary: 'Otro resumen.' }],
    });
    expect(replaced.version).not.toBe(before.version);
    const after = await readCatalog(db);
    expect(after).toEqual(replaced);
    expect(after?.requestTypes.at(-1)?.id).toBe(first?.id);

    expect((await replaceCatalog(db, content)).version).toBe(before.version);
  });

  it('refuses content the contract does not accept, and keeps the old catalogue', async () => {
    const before = await readCatalog(db);
    const broken = { ...before!, settings: { ...before!.settings, inactivitySeconds: 5 } };
    await expect(replaceCatalog(db, broken)).rejects.toThrow();
    expect(await readCatalog(db)).toEqual(before);
  });
});

import { mkdtempSync, readFileSync, rmSync, writeFileSync, cpSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { Catalog, Health, centralApi } from '../src/contract/index.js';
import { defaultResourcesDir } from './catalog/resources.js';
import { SQLITE_FILE_NAME } from './db/index.js';
import { startCentral } from './server.js';
import { describeEachEngine } from './testing/engines.js';

describeEachEngine('startCentral', (engine) => {
  it('migrates, seeds and serves over real HTTP on 127.0.0.1, then closes', async () => {
    const location = await engine.newLocation();
    const central = await startCentral({ ...location, port: 0, version: '1.2.3' });
    expect(central.engine).toBe(engine.name);
    expect(central.url).toBe(`http://127.0.0.1:${central.port}`);
    expect(central.port).toBeGreaterThan(0);
    if (engine.name === 'sqlite') {
      expect(existsSync(path.join(location.dataDir, SQLITE_FILE_NAME))).toBe(true);
    }

    const health = await fetch(new URL(centralApi.health.path, central.url));
    expect(Health.parse(await health.json())).toEqual({
      status: 'ok',
      version: '1.2.3',
      database: engine.name,
    });

    const catalogUrl = new URL(centralApi.catalog.path, central.url);
    const first = await fetch(catalogUrl);
    expect(first.status).toBe(200);
    const catalog = Catalog.parse(await first.json());
    expect(catalog.requestTypes).toHaveLength(4);
    const etag = first.headers.get('etag');
    expect(etag).toBe(`"${catalog.version}"`);
    const second = await fetch(catalogUrl, { headers: { 'if-none-match': etag ?? '' } });
    expect(second.status).toBe(304);
    expect(await second.text()).toBe('');

    await central.close();
    await central.close();
    await expect(fetch(catalogUrl)).rejects.toThrow();
  });

  it('keeps the catalogue it has when started again on the same database', async () => {
    const location = await engine.newLocation();
    const first = await startCentral(location);
    const { version } = Catalog.parse(await (await fetch(`${first.url}/api/v1/catalog`)).json());
    await first.close();

    const again = await startCentral(location);
    const after = Catalog.parse(await (await fetch(`${again.url}/api/v1/catalog`)).json());
    expect(after.version).toBe(version);
    await again.close();
  });

  it('fails loudly on a broken catalogue resource and leaves nothing open', async () => {
    const resourcesDir = mkdtempSync(path.join(tmpdir(), 'ventanilla-resources-'));
    try {
      cpSync(defaultResourcesDir, resourcesDir, { recursive: true });
      const file = path.join(resourcesDir, 'catalog', 'request-types.json');
      const types = JSON.parse(readFileSync(file, 'utf8')) as { title: string }[];
      types[0]!.title = '';
      writeFileSync(file, JSON.stringify(types));
      const location = await engine.newLocation();
      await expect(startCentral({ ...location, catalogSource: { resourcesDir } })).rejects.toThrow(
        /request-types\.json is invalid/,
      );
    } finally {
      rmSync(resourcesDir, { recursive: true, force: true });
    }
  });
});

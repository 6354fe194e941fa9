import { afterAll, beforeAll, expect, it } from 'vitest';
import { z } from 'zod';
import { ApiError, Catalog, Health, RequestType, centralApi } from '../src/contract/index.js';
import { buildCentral, type CentralApp } from './app.js';
import { CatalogContent } from './catalog/content.js';
import { loadCatalogResources } from './catalog/resources.js';
import { readCatalog, replaceCatalog, seedCatalogIfEmpty } from './catalog/store.js';
import { migrateToLatest, type CentralDb } from './db/index.js';
import { messages } from './messages.js';
import { testAccounts } from './testing/accounts.js';
import { describeEachEngine } from './testing/engines.js';

describeEachEngine('central app', (engine) => {
  let db: CentralDb;
  let app: CentralApp;
  const accounts = testAccounts();

  beforeAll(async () => {
    ({ db } = await engine.openDatabase());
    await migrateToLatest(db);
    await seedCatalogIfEmpty(db, loadCatalogResources);
    app = buildCentral({ db, engine: engine.name, version: '9.9.9', accounts });
    // Only this test instance has a route that fails, to see what a 500 lets out.
    app.get('/boom', () => {
      throw new Error('secret detail at /srv/central/db.ts:42');
    });
    await app.ready();
  });
  afterAll(() => app.close());

  it('reports its health, version and engine', async () => {
    const response = await app.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(200);
    expect(Health.parse(response.json())).toEqual({
      status: 'ok',
      version: '9.9.9',
      database: engine.name,
    });
  });

  it('serves the catalogue with a strong ETag, and 304 to a kiosk that has it', async () => {
    const first = await app.inject({ method: 'GET', url: '/api/v1/catalog' });
    expect(first.statusCode).toBe(200);
    const catalog = Catalog.parse(first.json());
    expect(catalog.requestTypes).toHaveLength(4);
    expect(first.headers.etag).toBe(`"${catalog.version}"`);
    expect(first.headers['cache-control']).toBe('no-cache');

    const again = await app.inject({
      method: 'GET',
      url: '/api/v1/catalog',
      headers: { 'if-none-match': first.headers.etag },
    });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect(again.headers.etag).toBe(first.headers.etag);
  });

  it('changes the ETag when the catalogue changes', async () => {
    const before = await app.inject({ method: 'GET', url: '/api/v1/catalog' });
    const content = CatalogContent.parse(before.json());
    await replaceCatalog(db, {
      ...content,
      settings: { ...content.settings, inactivitySeconds: 120 },
    });

    const after = await app.inject({
      method: 'GET',
      url: '/api/v1/catalog',
      headers: { 'if-none-match': before.headers.etag },
    });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expect(Catalog.parse(after.json()).settings.inactivitySeconds).toBe(120);
    await replaceCatalog(db, content);
  });

  it('serves one request type by id, with the catalogue ETag', async () => {
    const catalog = await readCatalog(db);
    const response = await app.inject({
      method: 'GET',
      url: '/api/v1/catalog/request-types/revision-pilar',
    });
    expect(response.statusCode).toBe(200);
    expect(RequestType.parse(response.json()).needsActiveEnergySupply).toBe(true);
    expect(response.headers.etag).toBe(`"${catalog?.version}"`);
  });

  it('answers bad input with 400, a code and a Spanish message', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/v1/catalog/request-types/NO_VALE',
    });
    expect(response.statusCode).toBe(400);
    expect(ApiError.parse(response.json())).toEqual({
      code: 'bad_request',
      message: messages.badField('requestTypeId'),
    });
  });

  it('answers a malformed URL with 400 in the same shape', async () => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/v1/catalog/request-types/%E0%A4%A',
    });
    expect(response.statusCode).toBe(400);
    expect(ApiError.parse(response.json()).code).toBe('bad_request');
  });

  it('answers 404 for an unknown request type and an unknown route', async () => {
    const unknownType = await app.inject({
      method: 'GET',
      url: '/api/v1/catalog/request-types/no-existe',
    });
    expect(unknownType.statusCode).toBe(404);
    expect(unknownType.json()).toEqual({
      code: 'request_type_not_found',
      message: messages.requestTypeNotFound,
    });

    const unknownRoute = await app.inject({ method: 'GET', url: '/api/v1/nada' });
    expect(unknownRoute.statusCode).toBe(404);
    expect(unknownRoute.json()).toEqual({ code: 'not_found', message: 'No existe ese recurso.' });
  });

  it('answers an unexpected error with 500 and nothing internal', async () => {
    const response = await app.inject({ method: 'GET', url: '/boom' });
    expect(response.statusCode).toBe(500);
    expect(response.json()).toEqual({ code: 'internal', message: messages.internal });
    expect(response.body).not.toMatch(/secret|stack|\.ts|at /);
  });

  it('answers 503 while the cooperative has no catalogue yet', async () => {
    const empty = await engine.openDatabase();
    await migrateToLatest(empty.db);
    const bare = buildCentral({ db: empty.db, engine: engine.name, version: '9.9.9', accounts });
    const response = await bare.inject({ method: 'GET', url: '/api/v1/catalog' });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toEqual({ code: 'catalog_empty', message: messages.catalogEmpty });
    await bare.close();
  });

  it('reports an unreachable database as 503 on /healthz', async () => {
    const gone = await engine.openDatabase();
    await migrateToLatest(gone.db);
    await gone.destroy();
    const bare = buildCentral({ db: gone.db, engine: engine.name, version: '9.9.9', accounts });
    const response = await bare.inject({ method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(503);
    expect(response.json()).toEqual({
      code: 'database_unavailable',
      message: messages.databaseUnavailable,
    });
    await bare.close();
  });

  it('publishes an OpenAPI 3 document of the contract', async () => {
    const response = await app.inject({ method: 'GET', url: '/openapi.json' });
    expect(response.statusCode).toBe(200);
    const document = OpenApiDocument.parse(response.json());
    expect(document.openapi).toMatch(/^3\.\d+\.\d+$/);
    expect(document.info.version).toBe('9.9.9');

    const declared = Object.entries(centralApi).map(([name, route]) => ({
      name,
      path: route.path.replace(/:(\w+)/g, '{$1}'),
      method: route.method.toLowerCase() as Lowercase<typeof route.method>,
      status: String('status' in route ? route.status : 200),
    }));
    // One path may carry several methods (GET and POST of the same collection).
    expect(Object.keys(document.paths).sort()).toEqual(
      [...new Set(declared.map((r) => r.path))].sort(),
    );
    for (const route of declared) {
      const operation = document.paths[route.path]?.[route.method];
      expect(operation?.operationId).toBe(route.name);
      expect(Object.keys(operation?.responses ?? {})).toEqual(
        expect.arrayContaining([route.status, '4XX', '5XX']),
      );
    }

    // The documented schema accepts what the route really answers.
    const catalogSchema =
      document.paths['/api/v1/catalog']?.get?.responses['200']?.content?.['application/json']
        ?.schema;
    const live = await app.inject({ method: 'GET', url: '/api/v1/catalog' });
    expect(
      z.fromJSONSchema(catalogSchema as z.core.JSONSchema.JSONSchema).safeParse(live.json())
        .success,
    ).toBe(true);
  });
});

const Operation = z.object({
  operationId: z.string(),
  summary: z.string(),
  responses: z.record(
    z.string(),
    z.object({
      description: z.string(),
      content: z.record(z.string(), z.object({ schema: z.unknown() })).optional(),
    }),
  ),
});
const OpenApiDocument = z.object({
  openapi: z.string(),
  info: z.object({ title: z.string(), version: z.string() }),
  paths: z.record(
    z.string(),
    z.partialRecord(z.enum(['get', 'post', 'put', 'patch', 'delete']), Operation),
  ),
});

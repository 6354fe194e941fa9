import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Catalog } from '../../src/contract/index.js';
import type { CentralDb } from '../db/index.js';
import { CentralHttpError } from '../http-errors.js';
import { messages } from '../messages.js';
import type { CentralHandlers } from '../routes.js';
import { etagOf, ifNoneMatchHits } from './etag.js';
import { readCatalog, readCatalogVersion } from './store.js';

/**
 * The catalogue routes. Both carry the catalogue's ETag and answer 304 to a kiosk that already
 * has that version, so a sync over a slow branch link costs one round trip and no body.
 */
export function catalogHandlers(db: CentralDb): Pick<CentralHandlers, 'catalog' | 'requestType'> {
  async function currentCatalog(): Promise<Catalog> {
    const catalog = await readCatalog(db);
    if (!catalog) throw new CentralHttpError(503, 'catalog_empty', messages.catalogEmpty);
    return catalog;
  }

  return {
    async catalog({ request, reply }) {
      // Most calls are a kiosk checking it is up to date: answered from the version alone.
      const version = await readCatalogVersion(db);
      const etag = version === null ? null : etagOf(version);
      if (etag !== null && ifNoneMatchHits(request.headers['if-none-match'], etag)) {
        return reply.header('etag', etag).header('cache-control', 'no-cache').code(304).send();
      }
      const catalog = await currentCatalog();
      return conditional(request, reply, catalog.version, catalog);
    },

    async requestType({ params, request, reply }) {
      const catalog = await currentCatalog();
      const type = catalog.requestTypes.find((candidate) => candidate.id === params.requestTypeId);
      if (!type) {
        throw new CentralHttpError(404, 'request_type_not_found', messages.requestTypeNotFound);
      }
      return conditional(request, reply, catalog.version, type);
    },
  };
}

/** Sends `body` with the version's ETag, or an empty 304 when the client already has it. */
function conditional<T>(
  request: FastifyRequest,
  reply: FastifyReply,
  version: string,
  body: T,
): T | FastifyReply {
  const etag = etagOf(version);
  void reply.header('etag', etag).header('cache-control', 'no-cache');
  return ifNoneMatchHits(request.headers['if-none-match'], etag) ? reply.code(304).send() : body;
}

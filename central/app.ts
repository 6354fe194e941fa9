import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { catalogHandlers } from './catalog/handlers.js';
import type { CentralDb, Engine } from './db/index.js';
import { CentralHttpError, installErrorHandling, toApiError } from './http-errors.js';
import { messages } from './messages.js';
import { registerContractRoutes } from './routes.js';

export type CentralAppOptions = {
  db: CentralDb;
  engine: Engine;
  /** Reported by /healthz and the OpenAPI document. */
  version: string;
  logger?: boolean;
};

/**
 * The central's HTTP API as a Fastify instance, not yet listening: routes come from the contract
 * (src/contract/central-api.ts), requests are validated and responses serialized with its zod
 * schemas, and `/openapi.json` publishes it.
 */
export function buildCentral({ db, engine, version, logger = false }: CentralAppOptions) {
  const app = Fastify({
    logger,
    // Malformed URLs are answered before routing: same `{ code, message }` shape.
    frameworkErrors: (error, _request, reply: FastifyReply) => {
      const { status, body } = toApiError(error);
      void reply.code(status).send(body);
    },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app);

  void app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: messages.apiTitle, description: messages.apiDescription, version },
    },
    transform: jsonSchemaTransform,
  });

  // Registered after the swagger plugin, so its onRoute hook sees every contract route.
  void app.register((scope: FastifyInstance) => {
    registerContractRoutes(scope, {
      async health() {
        await sql`select 1`.execute(db).catch((error: unknown) => {
          throw new CentralHttpError(503, 'database_unavailable', messages.databaseUnavailable, {
            cause: error,
          });
        });
        return { status: 'ok' as const, version, database: engine };
      },
      ...catalogHandlers(db),
    });
    scope.get('/openapi.json', { schema: { hide: true } }, () => scope.swagger());
    return Promise.resolve();
  });

  return app;
}

export type CentralApp = ReturnType<typeof buildCentral>;

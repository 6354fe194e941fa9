import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { CentralErrorBody, centralApi, type CentralRoute } from '../src/contract/index.js';
import { messages } from './messages.js';

type Entry<K extends CentralRoute> = (typeof centralApi)[K];
type Part<E, P extends string> = E extends { [key in P]: infer S extends z.ZodType }
  ? z.output<S>
  : undefined;

/** What a handler gets: the request's parts already parsed with the contract's schemas. */
export type RouteContext<K extends CentralRoute> = {
  params: Part<Entry<K>, 'params'>;
  query: Part<Entry<K>, 'querystring'>;
  request: FastifyRequest;
  reply: FastifyReply;
};

/** A handler answers the body its contract entry declares, or the reply it already sent (304). */
export type RouteHandler<K extends CentralRoute> = (
  context: RouteContext<K>,
) => Promise<z.output<Entry<K>['response']> | FastifyReply>;

export type CentralHandlers = { [K in CentralRoute]: RouteHandler<K> };

type AnyEntry = {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  summary: string;
  response: z.ZodType;
  params?: z.ZodType;
  querystring?: z.ZodType;
};
type AnyHandler = (context: {
  params: unknown;
  query: unknown;
  request: FastifyRequest;
  reply: FastifyReply;
}) => Promise<unknown>;

/**
 * Declares one Fastify route per entry of the central API contract: method, path, the schemas
 * that validate the request, and the response schemas (the body on success, `{ code, message }`
 * on error) that serialize the answer and describe it in the OpenAPI document.
 */
export function registerContractRoutes(app: FastifyInstance, handlers: CentralHandlers): void {
  for (const name of Object.keys(centralApi) as CentralRoute[]) {
    const entry: AnyEntry = centralApi[name];
    const handler = handlers[name] as AnyHandler;
    app.withTypeProvider<ZodTypeProvider>().route({
      method: entry.method,
      url: entry.path,
      schema: {
        operationId: name,
        summary: entry.summary,
        ...(entry.params && { params: entry.params }),
        ...(entry.querystring && { querystring: entry.querystring }),
        response: {
          200: entry.response.describe(messages.openApi.ok),
          '4xx': CentralErrorBody.describe(messages.openApi.clientError),
          '5xx': CentralErrorBody.describe(messages.openApi.serverError),
        },
      },
      handler: (request, reply) =>
        handler({ params: request.params, query: request.query, request, reply }),
    });
  }
}

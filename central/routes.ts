import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { CentralErrorBody, centralApi, type CentralRoute } from '../src/contract/index.js';
import type { AuthenticatedSession } from './accounts/sessions.js';
import { messages } from './messages.js';

type Entry<K extends CentralRoute> = (typeof centralApi)[K];
type Part<E, P extends string> = E extends { [key in P]: infer S extends z.ZodType }
  ? z.output<S>
  : undefined;

/** What a handler gets: the request's parts already parsed with the contract's schemas. */
export type RouteContext<K extends CentralRoute> = {
  params: Part<Entry<K>, 'params'>;
  query: Part<Entry<K>, 'querystring'>;
  body: Part<Entry<K>, 'body'>;
  /** The signed-in account, on the entries that declare `auth: 'session'`. */
  session: Entry<K> extends { auth: 'session' } ? AuthenticatedSession : undefined;
  request: FastifyRequest;
  reply: FastifyReply;
};

/** A handler answers the body its contract entry declares, or the reply it already sent (304). */
export type RouteHandler<K extends CentralRoute> = (
  context: RouteContext<K>,
) => Promise<z.output<Entry<K>['response']> | FastifyReply>;

export type CentralHandlers = { [K in CentralRoute]: RouteHandler<K> };

/** Finds the live session of a request's bearer token, or throws the 401 to answer. */
export type Authenticate = (request: FastifyRequest) => Promise<AuthenticatedSession>;

type AnyEntry = {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  summary: string;
  response: z.ZodType;
  status?: number;
  auth?: 'session';
  params?: z.ZodType;
  querystring?: z.ZodType;
  body?: z.ZodType;
};
type AnyHandler = (context: {
  params: unknown;
  query: unknown;
  body: unknown;
  session: AuthenticatedSession | undefined;
  request: FastifyRequest;
  reply: FastifyReply;
}) => Promise<unknown>;

/**
 * Declares one Fastify route per entry of the central API contract: method, path, the schemas
 * that validate the request, and the response schemas (the body with the entry's success status,
 * `{ code, message }` on error) that serialize the answer and describe it in the OpenAPI
 * document. Entries with `auth: 'session'` are authenticated before anything else is read, so a
 * missing session answers 401 whatever the body.
 */
export function registerContractRoutes(
  app: FastifyInstance,
  handlers: CentralHandlers,
  authenticate: Authenticate,
): void {
  const sessions = new WeakMap<FastifyRequest, AuthenticatedSession>();
  for (const name of Object.keys(centralApi) as CentralRoute[]) {
    const entry: AnyEntry = centralApi[name];
    const handler = handlers[name] as AnyHandler;
    const status = entry.status ?? 200;
    app.withTypeProvider<ZodTypeProvider>().route({
      method: entry.method,
      url: entry.path,
      schema: {
        operationId: name,
        summary: entry.summary,
        ...(entry.params && { params: entry.params }),
        ...(entry.querystring && { querystring: entry.querystring }),
        ...(entry.body && { body: entry.body }),
        ...(entry.auth && { security: [{ session: [] }] }),
        response: {
          [status]: entry.response.describe(messages.openApi.ok),
          '4xx': CentralErrorBody.describe(messages.openApi.clientError),
          '5xx': CentralErrorBody.describe(messages.openApi.serverError),
        },
      },
      ...(entry.auth && {
        onRequest: async (request: FastifyRequest) => {
          sessions.set(request, await authenticate(request));
        },
      }),
      handler: async (request, reply) => {
        void reply.code(status);
        return handler({
          params: request.params,
          query: request.query,
          body: request.body,
          session: sessions.get(request),
          request,
          reply,
        });
      },
    });
  }
}

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import {
  CentralErrorBody,
  centralApi,
  type CentralAuth,
  type CentralRoute,
  type StaffRoles,
} from '../src/contract/index.js';
import type { AuthenticatedSession } from './accounts/sessions.js';
import { CentralHttpError } from './http-errors.js';
import { messages } from './messages.js';
import type { KioskAuth } from './fleet/kiosk-auth.js';
import type { CustomerAuth } from './requests/delivery-tokens.js';
import type { RoleHolder } from './staff/roles.js';
import type { StaffAuth } from './staff/sessions.js';

type Entry<K extends CentralRoute> = (typeof centralApi)[K];
type Part<E, P extends string> = E extends { [key in P]: infer S extends z.ZodType }
  ? z.output<S>
  : undefined;

/** What a handler gets: the request's parts already parsed with the contract's schemas. */
export type RouteContext<K extends CentralRoute> = {
  params: Part<Entry<K>, 'params'>;
  query: Part<Entry<K>, 'querystring'>;
  /** The bytes, on entries that declare a `rawBody` media type. */
  body: Entry<K> extends { rawBody: string } ? Buffer : Part<Entry<K>, 'body'>;
  headers: Part<Entry<K>, 'headers'>;
  /**
   * Who is calling, by the entry's `auth`: a session, a session or delivery token, staff, an
   * enrolled kiosk, staff at an enrolled kiosk.
   */
  session: Entry<K> extends { auth: 'session' }
    ? AuthenticatedSession
    : Entry<K> extends { auth: 'delivery' }
      ? CustomerAuth
      : Entry<K> extends { auth: 'staff' | 'kioskStaff' }
        ? StaffAuth
        : Entry<K> extends { auth: 'kiosk' }
          ? KioskAuth
          : undefined;
  request: FastifyRequest;
  reply: FastifyReply;
  /**
   * The entry's `roles` check for a member the handler identifies itself (a PIN sign-in): lets
   * the call through when the member holds one, otherwise audits and throws 403
   * `forbidden_role`. Entries with staff `auth` are checked before the handler runs.
   */
  authorize: (holder: RoleHolder) => Promise<void>;
};

/** A handler answers the body its contract entry declares, or the reply it already sent (304). */
export type RouteHandler<K extends CentralRoute> = (
  context: RouteContext<K>,
) => Promise<z.output<Entry<K>['response']> | FastifyReply>;

export type CentralHandlers = { [K in CentralRoute]: RouteHandler<K> };

/** Finds the live session of a request's bearer token, or throws the 401 to answer. */
export type Authenticate = (request: FastifyRequest) => Promise<AuthenticatedSession>;

/** One check per kind of `auth` an entry may declare. */
export type Authenticators = {
  session: Authenticate;
  delivery: (request: FastifyRequest) => Promise<CustomerAuth>;
  staff: (request: FastifyRequest) => Promise<StaffAuth>;
  kiosk: (request: FastifyRequest) => Promise<KioskAuth>;
  kioskStaff: (request: FastifyRequest) => Promise<StaffAuth>;
};

/** Checks a member against an entry's declared `roles` (see `requireRole`). */
export type RoleCheck = (holder: RoleHolder, allowed: StaffRoles, route: string) => Promise<void>;

type AnyEntry = {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  summary: string;
  response: z.ZodType;
  status?: number;
  auth?: CentralAuth;
  params?: z.ZodType;
  querystring?: z.ZodType;
  headers?: z.ZodType;
  body?: z.ZodType;
  rawBody?: string;
  produces?: string;
  roles?: StaffRoles;
};
type AnyHandler = (context: {
  params: unknown;
  query: unknown;
  body: unknown;
  headers: unknown;
  session: unknown;
  request: FastifyRequest;
  reply: FastifyReply;
  authorize: (holder: RoleHolder) => Promise<void>;
}) => Promise<unknown>;

/**
 * Declares one Fastify route per entry of the central API contract: method, path, the schemas
 * that validate the request, and the response schemas (the body with the entry's success status,
 * `{ code, message }` on error) that serialize the answer and describe it in the OpenAPI
 * document. Entries with `auth` are authenticated before anything else is read, so a missing
 * session answers 401 whatever the body. Entries with `rawBody` get the bytes (a parser for that
 * media type must be registered on `app`); their body is not part of the schema. Entries with
 * staff `auth` declare `roles`, checked with `checkRole` right after authentication.
 */
export function registerContractRoutes(
  app: FastifyInstance,
  handlers: CentralHandlers,
  authenticators: Authenticators,
  checkRole: RoleCheck,
  /**
   * Another copy of some entries: under `prefix`, left out of the OpenAPI document (the back
   * office answers the staff API under `/oficina`, authenticated by its cookie).
   */
  twin?: { prefix: string; only: (route: CentralRoute) => boolean },
): void {
  const sessions = new WeakMap<FastifyRequest, unknown>();
  const routes = (Object.keys(centralApi) as CentralRoute[]).filter(
    (name) => !twin || twin.only(name),
  );
  for (const name of routes) {
    const entry: AnyEntry = centralApi[name];
    const handler = handlers[name] as AnyHandler;
    const status = entry.status ?? 200;
    const auth = entry.auth ?? 'session';
    const rawBody = entry.rawBody;
    const roles = entry.roles;
    const staffAuth = auth === 'staff' || auth === 'kioskStaff';
    if (staffAuth && !roles) throw new Error(`${name}: a staff entry declares its roles`);
    const authorize = (holder: RoleHolder) =>
      roles ? checkRole(holder, roles, name) : Promise.resolve();
    app.withTypeProvider<ZodTypeProvider>().route({
      method: entry.method,
      url: `${twin?.prefix ?? ''}${entry.path}`,
      schema: {
        ...(twin && { hide: true }),
        operationId: name,
        summary: entry.summary,
        ...(entry.params && { params: entry.params }),
        ...(entry.querystring && { querystring: entry.querystring }),
        ...(entry.headers && { headers: entry.headers }),
        ...(entry.body && { body: entry.body }),
        ...(entry.rawBody && { consumes: [entry.rawBody] }),
        ...(entry.produces && { produces: [entry.produces] }),
        ...(entry.auth && { security: [{ [entry.auth]: [] }] }),
        response: {
          [status]: entry.response.describe(messages.openApi.ok),
          '4xx': CentralErrorBody.describe(messages.openApi.clientError),
          '5xx': CentralErrorBody.describe(messages.openApi.serverError),
        },
      },
      ...(entry.auth && {
        onRequest: async (request: FastifyRequest) => {
          const session = await authenticators[auth](request);
          sessions.set(request, session);
          if (staffAuth) await authorize(session as StaffAuth);
        },
      }),
      ...(rawBody && {
        // Any other body (JSON, a form) would reach the handler parsed: not the bytes it expects.
        preValidation: (request: FastifyRequest) => {
          if (request.headers['content-type']?.split(';')[0]?.trim() === rawBody) {
            return Promise.resolve();
          }
          return Promise.reject(
            new CentralHttpError(415, 'unsupported_media_type', messages.unsupportedMediaType),
          );
        },
      }),
      handler: async (request, reply) => {
        void reply.code(status);
        return handler({
          params: request.params,
          query: request.query,
          body: request.body,
          headers: request.headers,
          session: sessions.get(request),
          request,
          reply,
          authorize,
        });
      },
    });
  }
}

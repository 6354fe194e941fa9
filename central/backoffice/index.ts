import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import {
  backofficeApi,
  backofficeBase,
  backofficeCookie,
  backofficeCsrfHeader,
  servedToBackoffice,
  type BackofficeSession,
  type StaffSessionGranted,
} from '../../src/contract/index.js';
import { CentralHttpError } from '../http-errors.js';
import type { RequestsContext } from '../requests/context.js';
import {
  registerContractRoutes,
  type Authenticators,
  type CentralHandlers,
  type RoleCheck,
} from '../routes.js';
import { endStaffSession, liveStaffSession, type StaffAuth } from '../staff/sessions.js';
import { backofficeMessages } from './messages.js';

/** Where `npm run build` puts the back office (vite.backoffice.config.ts). */
export const defaultBackofficeDir = path.resolve(import.meta.dirname, '../../dist/backoffice');

export type BackofficeDeps = {
  context: Pick<RequestsContext, 'db' | 'now'>;
  handlers: CentralHandlers;
  authenticators: Authenticators;
  /** The roles each entry declares, checked as on the staff API. */
  roleCheck: RoleCheck;
  /** The staff API's sign-in, with its throttling and audit. */
  signIn: (
    body: { email: string; password: string },
    request: FastifyRequest,
  ) => Promise<z.output<typeof StaffSessionGranted>>;
  /** The built application; without one, `/oficina` says how to build it. */
  dir?: string;
};

/**
 * Nothing but a page of the central itself moves a request with the cookie: every call carries
 * `x-oficina: 1`, which a form cannot send and another site cannot either without a CORS grant
 * the central never gives, and an `Origin`, when there is one, of this very host.
 */
function checkSameSite(request: FastifyRequest): void {
  const marked = request.headers[backofficeCsrfHeader] === '1';
  const origin = request.headers.origin;
  const host = (request.headers.host ?? '').replace(/:(80|443)$/, '');
  let sameOrigin = origin === undefined;
  if (origin !== undefined) {
    try {
      sameOrigin = new URL(origin).host === host;
    } catch {
      sameOrigin = false;
    }
  }
  if (!marked || !sameOrigin) {
    throw new CentralHttpError(403, 'foreign_origin', backofficeMessages.foreignOrigin);
  }
}

function secure(request: FastifyRequest): boolean {
  return request.protocol === 'https' || request.headers['x-forwarded-proto'] === 'https';
}

const cookiePath = backofficeBase;

/** The staff session of the back office's cookie: only of the central scope (a password). */
async function cookieSession(context: BackofficeDeps['context'], request: FastifyRequest) {
  checkSameSite(request);
  const token = request.cookies[backofficeCookie];
  const live = await liveStaffSession(context, token);
  if (live.session.scope !== 'central') {
    throw new CentralHttpError(401, 'staff_session_required', backofficeMessages.signInAgain);
  }
  return live;
}

const pageHeaders = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'referrer-policy': 'same-origin',
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'x-robots-tag': 'noindex',
  // pdf.js runs its worker from this origin and paints pages into canvases.
  'content-security-policy': [
    "default-src 'self'",
    "script-src 'self' 'wasm-unsafe-eval'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "worker-src 'self' blob:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; '),
};

/**
 * `/oficina`: the back office's files, its session in a cookie, and the staff API again under
 * `/oficina` for that cookie (same handlers, same contract, hidden from the OpenAPI document).
 */
export function registerBackoffice(app: FastifyInstance, deps: BackofficeDeps): void {
  const { context } = deps;
  const dir = deps.dir ?? defaultBackofficeDir;

  void app.register(async (scope: FastifyInstance) => {
    await scope.register(fastifyCookie);
    const api = scope.withTypeProvider<ZodTypeProvider>();

    const staffByCookie = async (request: FastifyRequest): Promise<StaffAuth> => {
      const { tokenHash, member } = await cookieSession(context, request);
      return { tokenHash, member, kioskId: null };
    };
    registerContractRoutes(
      scope,
      deps.handlers,
      { ...deps.authenticators, staff: staffByCookie },
      deps.roleCheck,
      { prefix: backofficeBase, only: servedToBackoffice },
    );

    const setSession = (
      request: FastifyRequest,
      reply: FastifyReply,
      token: string,
      maxAgeSeconds: number,
    ) =>
      reply.setCookie(backofficeCookie, token, {
        path: cookiePath,
        httpOnly: true,
        sameSite: 'strict',
        secure: secure(request),
        maxAge: maxAgeSeconds,
      });

    const { signIn, current, signOut } = backofficeApi;
    api.route({
      method: signIn.method,
      url: signIn.path,
      schema: { hide: true, body: signIn.body },
      handler: async (request, reply): Promise<BackofficeSession> => {
        checkSameSite(request);
        const granted = await deps.signIn(request.body, request);
        const seconds = Math.floor(
          (Date.parse(granted.expiresAt) - context.now().getTime()) / 1000,
        );
        setSession(request, reply, granted.token, seconds);
        void reply.code(signIn.status).header('cache-control', 'no-store');
        return {
          staff: granted.staff,
          expiresAt: granted.expiresAt,
          now: context.now().toISOString(),
        };
      },
    });
    api.route({
      method: current.method,
      url: current.path,
      schema: { hide: true },
      handler: async (request, reply): Promise<BackofficeSession> => {
        const { member, session } = await cookieSession(context, request);
        void reply.header('cache-control', 'no-store');
        return {
          staff: { email: member.email, name: member.name, roles: member.roles },
          expiresAt: session.expires_at,
          now: context.now().toISOString(),
        };
      },
    });
    api.route({
      method: signOut.method,
      url: signOut.path,
      schema: { hide: true },
      handler: async (request, reply) => {
        checkSameSite(request);
        try {
          const { tokenHash, member } = await cookieSession(context, request);
          await endStaffSession(context, { tokenHash, member, kioskId: null });
        } catch (error) {
          // An ended session signs out all the same: the cookie goes.
          if (!(error instanceof CentralHttpError) || error.statusCode >= 500) throw error;
        }
        setSession(request, reply, '', 0);
        return { ended: true as const };
      },
    });

    scope.all(`${backofficeBase}/api/*`, { schema: { hide: true } }, (_request, reply) =>
      reply.code(404).send({ code: 'not_found', message: backofficeMessages.noSuchCall }),
    );

    const indexFile = path.join(dir, 'index.html');
    if (existsSync(indexFile)) {
      await scope.register(fastifyStatic, {
        root: path.join(dir, 'assets'),
        prefix: `${backofficeBase}/assets/`,
        // File names carry their content's hash.
        immutable: true,
        maxAge: '365d',
        index: false,
        wildcard: true,
      });
    }
    const page = (_request: FastifyRequest, reply: FastifyReply) => {
      if (!existsSync(indexFile)) {
        return reply.code(503).headers(pageHeaders)
          .send(`<!doctype html><html lang="es-AR"><meta charset="utf-8"><title>Oficina</title>
<p>${backofficeMessages.notBuilt}</p></html>`);
      }
      return reply.code(200).headers(pageHeaders).send(readFileSync(indexFile));
    };
    // Every screen's address opens the same page; the application shows the screen.
    scope.get(backofficeBase, { schema: { hide: true } }, page);
    scope.get(`${backofficeBase}/*`, { schema: { hide: true } }, page);
  });
}

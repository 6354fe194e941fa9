import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import {
  centralApi,
  StaffSignInRequest,
  type StaffSessionGranted,
} from '../../src/contract/index.js';
import { readLetterhead } from '../accounts/letterhead.js';
import { CentralHttpError } from '../http-errors.js';
import { requireRole } from '../staff/roles.js';
import { centralStaffSession, endStaffSession } from '../staff/sessions.js';
import type { FleetContext } from './config.js';
import { mailOutboxStatus } from '../mail/outbox.js';
import { fleetList } from './heartbeats.js';
import { forbiddenBody, fleetBody, fleetHtml, loginBody } from './page-html.js';

/**
 * `/flota`: the fleet for IT, served by the central. Staff sign in with their password through a
 * form; the session's token then lives in an HttpOnly, SameSite=Strict cookie scoped to `/flota`,
 * so no script can read it and no other site can send it. The page only reads; revoking and
 * enrolment codes stay on the command line and the staff API.
 */
export const fleetPaths = { page: '/flota', signIn: '/flota/ingresar', signOut: '/flota/salir' };
const cookieName = 'ventanilla_flota';

const copy = {
  badForm: 'Completá el correo y la contraseña.',
  foreignOrigin: 'Ese formulario no viene de esta página.',
  unavailable: 'No se pudo iniciar la sesión. Probá de nuevo en unos minutos.',
};

export type FleetPageDeps = {
  context: FleetContext;
  /** Staff sign-in with a password: the staff API's own, with its throttling and audit. */
  signIn: (
    body: { email: string; password: string },
    request: FastifyRequest,
  ) => Promise<z.output<typeof StaffSessionGranted>>;
};

function cookieToken(request: FastifyRequest): string | undefined {
  for (const part of (request.headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === cookieName) return value.join('=');
  }
  return undefined;
}

function cookie(request: FastifyRequest, token: string, maxAgeSeconds: number): string {
  // Behind a TLS proxy the browser sees https: then the cookie never travels in clear.
  const secure =
    request.protocol === 'https' || request.headers['x-forwarded-proto'] === 'https'
      ? '; Secure'
      : '';
  return `${cookieName}=${token}; Path=${fleetPaths.page}; HttpOnly; SameSite=Strict; Max-Age=${maxAgeSeconds}${secure}`;
}

/** A form posted from another site is refused even before SameSite is considered. */
function fromThisSite(request: FastifyRequest): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  // URL drops a scheme's default port; some clients keep it in Host.
  const host = (request.headers.host ?? '').replace(/:(80|443)$/, '');
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

export function registerFleetPage(app: FastifyInstance, deps: FleetPageDeps): void {
  const { context } = deps;

  async function send(
    reply: FastifyReply,
    status: number,
    title: string,
    body: string,
    refresh = false,
  ) {
    const head = await readLetterhead(context.db);
    return reply
      .code(status)
      .headers({
        'content-type': 'text/html; charset=utf-8',
        'cache-control': 'no-store',
        // Not no-referrer: with it, the browser sends its forms with `Origin: null`.
        'referrer-policy': 'same-origin',
        'x-frame-options': 'DENY',
        'content-security-policy':
          "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'",
        'x-robots-tag': 'noindex',
      })
      .send(fleetHtml(head, title, body, refresh));
  }

  const login = (reply: FastifyReply, status: number, problem: string | null, email = '') =>
    send(reply, status, 'Ingresar', loginBody(problem, email));

  async function signedIn(request: FastifyRequest) {
    try {
      return await centralStaffSession(context, cookieToken(request), null);
    } catch (error) {
      if (error instanceof CentralHttpError && error.statusCode < 500) return null;
      throw error;
    }
  }

  void app.register((scope: FastifyInstance) => {
    // The sign-in form posts url-encoded fields; only these pages read them.
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 4096 },
      (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
    );

    scope.get(fleetPaths.page, { schema: { hide: true } }, async (request, reply) => {
      const staff = await signedIn(request);
      if (!staff) return reply.redirect(fleetPaths.signIn, 303);
      // The page shows what the staff API's fleet list shows, to the same roles.
      try {
        await requireRole(context, staff, centralApi.listKiosks.roles, 'fleetPage');
      } catch (error) {
        if (!(error instanceof CentralHttpError)) throw error;
        return send(reply, 403, 'Sin permiso', forbiddenBody(error.message, staff.member.name));
      }
      const body = fleetBody(
        await fleetList(context),
        staff.member.name,
        await mailOutboxStatus(context.db),
      );
      return send(reply, 200, 'Flota de kioscos', body, true);
    });

    scope.get(fleetPaths.signIn, { schema: { hide: true } }, (_request, reply) =>
      login(reply, 200, null),
    );

    scope.post(fleetPaths.signIn, { schema: { hide: true } }, async (request, reply) => {
      if (!fromThisSite(request)) return login(reply, 403, copy.foreignOrigin);
      const fields = (request.body ?? {}) as Record<string, unknown>;
      const typed = typeof fields.email === 'string' ? fields.email.slice(0, 254) : '';
      const parsed = StaffSignInRequest.safeParse({ email: typed, password: fields.password });
      if (!parsed.success) return login(reply, 400, copy.badForm, typed);
      try {
        const granted = await deps.signIn(parsed.data, request);
        const seconds = Math.floor(
          (Date.parse(granted.expiresAt) - context.now().getTime()) / 1000,
        );
        return reply
          .header('set-cookie', cookie(request, granted.token, seconds))
          .redirect(fleetPaths.page, 303);
      } catch (error) {
        if (!(error instanceof CentralHttpError)) throw error;
        if (error.retryAfterSeconds !== undefined) {
          void reply.header('retry-after', String(error.retryAfterSeconds));
        }
        const status = error.statusCode < 500 ? error.statusCode : 503;
        return login(reply, status, status === 503 ? copy.unavailable : error.message, typed);
      }
    });

    scope.post(fleetPaths.signOut, { schema: { hide: true } }, async (request, reply) => {
      if (!fromThisSite(request)) return login(reply, 403, copy.foreignOrigin);
      const staff = await signedIn(request);
      if (staff) await endStaffSession(context, staff);
      return reply.header('set-cookie', cookie(request, '', 0)).redirect(fleetPaths.signIn, 303);
    });
    return Promise.resolve();
  });
}

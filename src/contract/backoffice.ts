import { z } from 'zod';
import { centralApi, type CentralRoute } from './central-api.js';
import { StaffMember, StaffSessionEnded, StaffSignInRequest } from './staff.js';

/**
 * The back office ("Oficina"): a web application the central serves at `/oficina`, for the
 * cooperative's staff at their own computers. It uses the staff API, with one difference: the
 * session is not a bearer token a script holds but an HttpOnly, SameSite=Strict cookie scoped to
 * `/oficina`, so the staff API is also answered under `/oficina` (`backofficePath`), where that
 * cookie travels. Every call there must carry `x-oficina: 1` (a header no form and no other site
 * can send without the central allowing it) and, when the browser says where it comes from, an
 * `Origin` of the central itself: the cookie alone never moves a request.
 */
export const backofficeBase = '/oficina';
export const backofficeCookie = 'ventanilla_oficina';
export const backofficeCsrfHeader = 'x-oficina';

export const BackofficeSession = z.object({
  staff: StaffMember,
  /** The session ends then (8 hours after signing in), whatever is being done. */
  expiresAt: z.iso.datetime(),
  /** The central's clock when it answered: the page counts the time left from it, not its own. */
  now: z.iso.datetime(),
});
export type BackofficeSession = z.infer<typeof BackofficeSession>;

/** The back office's own entries: its session, kept in the cookie. */
export const backofficeApi = {
  signIn: {
    method: 'POST',
    path: `${backofficeBase}/api/sesion`,
    summary: 'Oficina: iniciar sesión (la sesión queda en una cookie HttpOnly)',
    status: 201,
    body: StaffSignInRequest,
    response: BackofficeSession,
  },
  current: {
    method: 'GET',
    path: `${backofficeBase}/api/sesion`,
    summary: 'Oficina: la sesión de la cookie',
    response: BackofficeSession,
  },
  signOut: {
    method: 'DELETE',
    path: `${backofficeBase}/api/sesion`,
    summary: 'Oficina: cerrar la sesión',
    response: StaffSessionEnded,
  },
} as const;

/** Entries of the staff API the back office also answers under `/oficina`, with the cookie. */
export function servedToBackoffice(route: CentralRoute): boolean {
  const entry = centralApi[route];
  return 'auth' in entry && entry.auth === 'staff';
}

/** Where the back office calls a staff API entry: the same path under `/oficina`. */
export function backofficePath(route: CentralRoute): string {
  return `${backofficeBase}${centralApi[route].path}`;
}

import type { z } from 'zod';
import {
  ApiError,
  backofficeApi,
  backofficeCsrfHeader,
  backofficePath,
  centralApi,
  type CentralRoute,
} from '../../src/contract/index.js';
import { session } from './session.svelte.js';

/** A refusal of the central, with its Spanish message for people. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ApiFailure';
  }
}

const unreachable = 'No pudimos comunicarnos con la central. Revisá la conexión y probá de nuevo.';

type Entry<K extends CentralRoute> = (typeof centralApi)[K];
type In<E, P extends string> = E extends { [key in P]: infer S extends z.ZodType }
  ? z.input<S>
  : undefined;
type Parts<K extends CentralRoute> = {
  params?: In<Entry<K>, 'params'>;
  query?: In<Entry<K>, 'querystring'>;
  body?: In<Entry<K>, 'body'>;
};
export type Output<K extends CentralRoute> = z.output<Entry<K>['response']>;

function fill(path: string, params: Record<string, string> | undefined): string {
  return path.replace(/:([A-Za-z0-9]+)/g, (_match, name: string) =>
    encodeURIComponent(params?.[name] ?? ''),
  );
}

function queryString(query: Record<string, unknown> | undefined): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (typeof value === 'string' || typeof value === 'number') {
      if (value !== '') search.set(key, String(value));
    }
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

async function send(method: string, url: string, body: unknown): Promise<Response> {
  try {
    return await fetch(url, {
      method,
      credentials: 'same-origin',
      headers: {
        [backofficeCsrfHeader]: '1',
        ...(body !== undefined && { 'content-type': 'application/json' }),
      },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
  } catch {
    throw new ApiFailure(0, 'unreachable', unreachable);
  }
}

async function failure(response: Response): Promise<ApiFailure> {
  const parsed = ApiError.safeParse(await response.json().catch(() => null));
  if (parsed.success) {
    const { code, message, field } = parsed.data;
    return new ApiFailure(response.status, code, message, field);
  }
  return new ApiFailure(response.status, 'unexpected', unreachable);
}

/**
 * Sends a call, and when the central says the session ended (8 hours, signed out elsewhere,
 * member deactivated) asks for "Ingresar" over the screen, which stays as it was, then sends it
 * once more.
 */
async function authenticated(method: string, url: string, body: unknown): Promise<Response> {
  for (let attempt = 0; ; attempt++) {
    const response = await send(method, url, body);
    if (response.status !== 401 || attempt > 0) return response;
    const ended = await failure(response);
    await session.signInAgain(ended.message);
  }
}

/** A call of the staff API as the back office makes it: under `/oficina`, with the cookie. */
export async function staffCall<K extends CentralRoute>(
  route: K,
  parts: Parts<K> = {},
): Promise<Output<K>> {
  const entry = centralApi[route];
  const url = fill(backofficePath(route), parts.params) + queryString(parts.query);
  const response = await authenticated(entry.method, url, parts.body);
  if (!response.ok) throw await failure(response);
  return entry.response.parse(await response.json()) as Output<K>;
}

/** The bytes of an entry that answers a file (a PDF). */
export async function staffBytes<K extends CentralRoute>(
  route: K,
  parts: Parts<K>,
): Promise<ArrayBuffer> {
  const url = fill(backofficePath(route), parts.params);
  const response = await authenticated('GET', url, undefined);
  if (!response.ok) throw await failure(response);
  return response.arrayBuffer();
}

/** A public entry of the central (the catalogue). */
export async function publicCall<K extends CentralRoute>(route: K): Promise<Output<K>> {
  const entry = centralApi[route];
  const response = await send(entry.method, entry.path, undefined);
  if (!response.ok) throw await failure(response);
  return entry.response.parse(await response.json()) as Output<K>;
}

type Office = typeof backofficeApi;
/** The back office's own session calls. */
export async function sessionCall<K extends keyof Office>(
  name: K,
  body?: z.input<typeof backofficeApi.signIn.body>,
): Promise<z.output<Office[K]['response']>> {
  const entry = backofficeApi[name];
  const response = await send(entry.method, entry.path, body);
  if (!response.ok) throw await failure(response);
  return entry.response.parse(await response.json()) as z.output<Office[K]['response']>;
}

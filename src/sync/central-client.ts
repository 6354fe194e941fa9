import type { z } from 'zod';
import {
  ApiError,
  centralApi,
  kioskIdHeader,
  type Catalog,
  type CentralRoute,
} from '../contract/index.js';

/** Why a call to the central failed, sorted the way the outbox and the sync loop act on it. */
export class CentralError extends Error {
  constructor(
    readonly kind: 'network' | 'timeout' | 'http' | 'contract',
    message: string,
    readonly status?: number,
    readonly body?: ApiError,
    /** From the `Retry-After` header (or the body) of a 429 or 503. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'CentralError';
  }
}

export type CatalogFetch =
  { status: 'modified'; catalog: Catalog; etag: string } | { status: 'not-modified' };

type Entry<K extends CentralRoute> = (typeof centralApi)[K];
type Part<E, P extends string> = E extends { [key in P]: infer S extends z.ZodType }
  ? z.input<S>
  : undefined;

/** What a call carries besides the route: its body, path parameters and the session's token. */
export type CallOptions<K extends CentralRoute> = {
  body?: Part<Entry<K>, 'body'>;
  params?: Part<Entry<K>, 'params'>;
  /** A session token (`Bearer`), or a delivery token with its scheme. */
  token?: string | { scheme: string; token: string };
  /** Extra headers (an idempotency key, an upload offset). */
  headers?: Record<string, string>;
  /** For entries that take bytes (`rawBody`): sent as they are with that media type. */
  bytes?: Uint8Array;
  /** Instead of the client's own timeout (a probe of the link waits less). */
  timeoutMs?: number;
};

type AnyEntry = {
  method: string;
  path: string;
  response: z.ZodType;
  rawBody?: string;
};

export type CentralClientOptions = {
  baseUrl: string;
  /** Sent on every call: the central throttles per kiosk. */
  kioskId?: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
  /**
   * Told after every call whether the central answered (with anything) or the link failed, so
   * the kiosk's "En línea" / "Sin conexión" follows every call, not only the catalogue's.
   */
  onLink?: (reachable: boolean, failure: string | null) => void;
};

export function createCentralClient({
  baseUrl,
  kioskId,
  fetch: doFetch = fetch,
  timeoutMs = 10_000,
  onLink,
}: CentralClientOptions) {
  function linkFailure(error: unknown, waitedMs = timeoutMs): CentralError {
    if (error instanceof DOMException && error.name === 'TimeoutError') {
      return new CentralError('timeout', `La central no respondió en ${waitedMs} ms.`);
    }
    return new CentralError('network', 'No hay conexión con la central.');
  }

  async function request(
    path: string,
    init: RequestInit = {},
    waitMs = timeoutMs,
  ): Promise<Response> {
    const headers = new Headers(init.headers);
    if (kioskId) headers.set(kioskIdHeader, kioskId);
    try {
      const response = await doFetch(new URL(path, baseUrl), {
        ...init,
        headers,
        signal: AbortSignal.timeout(waitMs),
      });
      onLink?.(true, null);
      return response;
    } catch (error) {
      const failed = linkFailure(error, waitMs);
      onLink?.(false, failed.message);
      throw failed;
    }
  }

  /**
   * The answer's JSON (undefined when it is not JSON). A body broken off on the way is the link's
   * failure, not the central's: the call is retried as after any dropped connection, never taken
   * for a central of another version nor for a refusal without its reason.
   */
  async function bodyOf(response: Response): Promise<unknown> {
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      throw linkFailure(error);
    }
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return undefined;
    }
  }

  async function failure(response: Response): Promise<CentralError> {
    const body = ApiError.safeParse(await bodyOf(response));
    const header = Number(response.headers.get('retry-after'));
    const retryAfter = Number.isFinite(header) && header >= 0 ? header : undefined;
    return new CentralError(
      'http',
      body.success ? body.data.message : `La central respondió ${response.status}.`,
      response.status,
      body.success ? body.data : undefined,
      retryAfter ?? (body.success ? body.data.retryAfterSeconds : undefined),
    );
  }

  /**
   * One call of the central API by its contract entry: the body is sent as JSON, and the answer
   * is parsed with the entry's response schema, so nothing unchecked reaches the kiosk.
   */
  async function call<K extends CentralRoute>(
    name: K,
    options: CallOptions<K> = {},
  ): Promise<z.output<Entry<K>['response']>> {
    const entry: AnyEntry = centralApi[name];
    const params = (options.params ?? {}) as Record<string, string>;
    const path = entry.path.replace(/:(\w+)/g, (_whole, key: string) =>
      encodeURIComponent(params[key] ?? ''),
    );
    const headers: Record<string, string> = { ...options.headers };
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    if (options.bytes && entry.rawBody) headers['content-type'] = entry.rawBody;
    const { token } = options;
    if (token) {
      headers.authorization =
        typeof token === 'string' ? `Bearer ${token}` : `${token.scheme} ${token.token}`;
    }
    const response = await request(
      path,
      {
        method: entry.method,
        headers,
        ...(options.body !== undefined && { body: JSON.stringify(options.body) }),
        ...(options.bytes && { body: options.bytes.slice() }),
      },
      options.timeoutMs,
    );
    if (!response.ok) throw await failure(response);
    const parsed = entry.response.safeParse(await bodyOf(response));
    if (!parsed.success) {
      throw new CentralError('contract', `La central envió una respuesta inválida (${name}).`);
    }
    return parsed.data as z.output<Entry<K>['response']>;
  }

  return {
    call,
    async getCatalog(etag?: string): Promise<CatalogFetch> {
      const route = centralApi.catalog;
      const response = await request(route.path, {
        method: route.method,
        headers: etag ? { 'if-none-match': etag } : {},
      });
      if (response.status === 304) return { status: 'not-modified' };
      if (!response.ok) throw await failure(response);
      const parsed = route.response.safeParse(await bodyOf(response));
      if (!parsed.success)
        throw new CentralError('contract', 'La central envió un catálogo inválido.');
      return {
        status: 'modified',
        catalog: parsed.data,
        etag: response.headers.get('etag') ?? parsed.data.version,
      };
    },
  };
}

export type CentralClient = ReturnType<typeof createCentralClient>;

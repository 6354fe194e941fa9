import { ApiError, centralApi, type Catalog } from '../contract/index.js';

/** Why a call to the central failed, sorted the way the outbox and the sync loop act on it. */
export class CentralError extends Error {
  constructor(
    readonly kind: 'network' | 'timeout' | 'http' | 'contract',
    message: string,
    readonly status?: number,
    readonly body?: ApiError,
  ) {
    super(message);
    this.name = 'CentralError';
  }
}

export type CatalogFetch =
  { status: 'modified'; catalog: Catalog; etag: string } | { status: 'not-modified' };

export type CentralClientOptions = {
  baseUrl: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
};

export function createCentralClient({
  baseUrl,
  fetch: doFetch = fetch,
  timeoutMs = 10_000,
}: CentralClientOptions) {
  async function request(path: string, init: RequestInit = {}): Promise<Response> {
    try {
      return await doFetch(new URL(path, baseUrl), {
        ...init,
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      if (error instanceof DOMException && error.name === 'TimeoutError') {
        throw new CentralError('timeout', `La central no respondió en ${timeoutMs} ms.`);
      }
      throw new CentralError('network', 'No hay conexión con la central.');
    }
  }

  async function failure(response: Response): Promise<CentralError> {
    const body = ApiError.safeParse(await response.json().catch(() => undefined));
    return new CentralError(
      'http',
      body.success ? body.data.message : `La central respondió ${response.status}.`,
      response.status,
      body.success ? body.data : undefined,
    );
  }

  return {
    async getCatalog(etag?: string): Promise<CatalogFetch> {
      const route = centralApi.catalog;
      const response = await request(route.path, {
        method: route.method,
        headers: etag ? { 'if-none-match': etag } : {},
      });
      if (response.status === 304) return { status: 'not-modified' };
      if (!response.ok) throw await failure(response);
      const parsed = route.response.safeParse(await response.json().catch(() => undefined));
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

import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { net, protocol, type Protocol } from 'electron';
import { pageWithPolicyHeader } from '../src/webhost/page-policy.js';
import { APP_RESPONSE_HEADERS } from './csp.js';
import { APP_HOST, APP_SCHEME } from './window.js';

/** Must run before the app is ready: makes `app://ventanilla` a secure origin of its own. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

/**
 * Serves the built renderer folder, and only it, at `app://ventanilla/`, with the app's security
 * headers. `target` is a session's own protocol: a handler registered on the default session is
 * not seen by the customer partitions.
 */
export function serveRenderer(
  rendererDir: string,
  target: Pick<Protocol, 'handle'> = protocol,
): void {
  target.handle(APP_SCHEME, async (request) => {
    const file = resolveRendererFile(rendererDir, request.url);
    if (file === null) return notFound();
    try {
      const response = await net.fetch(pathToFileURL(file).toString());
      if (path.basename(file) !== 'index.html') return withAppHeaders(response);
      // The page's meta policy is sent as the header below instead (see page-policy.ts).
      const page = pageWithPolicyHeader(await response.text());
      return withAppHeaders(
        new Response(page.html, { headers: { 'Content-Type': 'text/html; charset=utf-8' } }),
      );
    } catch {
      return notFound();
    }
  });
}

/** A fetched response's headers are immutable, so the response is rebuilt around its body. */
function withAppHeaders(response: Response): Response {
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(APP_RESPONSE_HEADERS)) headers.set(name, value);
  return new Response(response.body, {
    status: response.status,
    statusText: response.statusText,
    headers,
  });
}

/** The file under `rendererDir` that an `app://ventanilla/...` URL names, or null. */
export function resolveRendererFile(rendererDir: string, url: string): string | null {
  if (!URL.canParse(url)) return null;
  const parsed = new URL(url);
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host.toLowerCase() !== APP_HOST) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return null;
  }
  if (/[\0\\]/.test(pathname)) return null;
  const root = path.resolve(rendererDir);
  const file = path.resolve(
    root,
    `.${pathname === '/' || pathname === '' ? '/index.html' : pathname}`,
  );
  const relative = path.relative(root, file);
  const outside = relative === '..' || relative.startsWith(`..${path.sep}`);
  if (relative === '' || outside || path.isAbsolute(relative)) return null;
  return file;
}

function notFound(): Response {
  return new Response('No encontrado', { status: 404, headers: APP_RESPONSE_HEADERS });
}

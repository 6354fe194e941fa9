import path from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import Fastify from 'fastify';
import fastifyStatic from '@fastify/static';
import type { Envelope } from '../contract/index.js';
import { dispatch, type KioskHandlers } from '../kiosk/dispatch.js';
import { kioskErrors } from '../kiosk/errors.js';
import { pageWithPolicyHeader } from './page-policy.js';

export const kioskApiPrefix = '/kiosk-api/';

export type WebHostOptions = {
  handlers: KioskHandlers;
  /** The built renderer (vite build output). */
  rendererDir: string;
  port?: number;
  log?: (message: string, error?: unknown) => void;
};

/**
 * Serves the built renderer to a plain browser and carries window.kiosk over loopback HTTP to the
 * same handler table Electron registers on IPC. Loopback only: it is for development, demos and
 * end-to-end tests, never for a branch network.
 */
export async function startWebHost(options: WebHostOptions) {
  if (!existsSync(path.join(options.rendererDir, 'index.html'))) {
    throw new Error(`No built renderer at ${options.rendererDir}: run "npm run build:renderer".`);
  }
  const log = options.log ?? ((message, error) => console.error(message, error));
  const page = pageWithPolicyHeader(
    readFileSync(path.join(options.rendererDir, 'index.html'), 'utf8'),
  );
  const app = Fastify({ logger: false, bodyLimit: 32 * 1024 * 1024 });
  // Every answer carries the policy as a header, where frame-ancestors counts.
  app.addHook('onSend', async (_request, reply) => {
    reply.header('content-security-policy', page.policy);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    reply.header('referrer-policy', 'no-referrer');
  });
  await app.register(fastifyStatic, {
    root: path.resolve(options.rendererDir),
    index: false,
  });
  for (const route of ['/', '/index.html']) {
    app.get(route, (_request, reply) => reply.type('text/html; charset=utf-8').send(page.html));
  }

  app.post<{ Params: { method: string } }>(`${kioskApiPrefix}:method`, async (request, reply) => {
    // The Electron equivalent is the sender-frame check: only the page this host served may call.
    if (!isSameOrigin(request.headers)) {
      const refused: Envelope<never> = {
        ok: false,
        error: kioskErrors.foreignSender().toApiError(),
      };
      return reply.code(403).send(refused);
    }
    const body = request.body as { input?: unknown } | undefined;
    return dispatch(options.handlers, request.params.method, body?.input, ({ method, error }) =>
      log(`kiosk API ${method} failed`, error),
    );
  });

  const address = await app.listen({ host: '127.0.0.1', port: options.port ?? 0 });
  return {
    url: address.replace('[::1]', '127.0.0.1'),
    close: () => app.close(),
  };
}

export type WebHost = Awaited<ReturnType<typeof startWebHost>>;

function isSameOrigin(headers: Record<string, string | string[] | undefined>): boolean {
  const host = headers.host;
  const origin = headers.origin;
  if (typeof host !== 'string' || typeof origin !== 'string') return false;
  const hostname = host.replace(/:\d+$/, '');
  if (hostname !== '127.0.0.1' && hostname !== 'localhost' && hostname !== '[::1]') return false;
  const fetchSite = headers['sec-fetch-site'];
  if (fetchSite !== undefined && fetchSite !== 'same-origin') return false;
  return origin === `http://${host}`;
}

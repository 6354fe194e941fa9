import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTcpProxy, type TcpProxy } from './tcp-proxy.js';

/** What the server behind the proxy got: each request's path and body bytes, complete or not. */
type Seen = { path: string; bytes: number; complete: boolean };

describe('the TCP proxy between kiosk and central', () => {
  let server: Server;
  let proxy: TcpProxy;
  const seen: Seen[] = [];
  const body = Buffer.alloc(4_000, 1);

  beforeAll(async () => {
    server = createServer((request, response) => {
      const entry: Seen = { path: request.url ?? '', bytes: 0, complete: false };
      seen.push(entry);
      request.on('data', (chunk: Buffer) => (entry.bytes += chunk.length));
      request.on('end', () => {
        entry.complete = true;
        response.end(`ok ${entry.bytes}`);
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    proxy = await startTcpProxy((server.address() as AddressInfo).port);
  });
  afterAll(async () => {
    await proxy.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(() => {
    seen.length = 0;
    proxy.set({ kind: 'pass' });
    proxy.dropConnections();
  });

  const post = (path: string, timeoutMs = 2_000) =>
    fetch(`${proxy.url}${path}`, {
      method: 'POST',
      body,
      signal: AbortSignal.timeout(timeoutMs),
    }).then((response) => response.text());
  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => 'answered',
      (error: Error) => (error.cause as NodeJS.ErrnoException | undefined)?.code ?? error.name,
    );

  it('passes bytes both ways', async () => {
    expect(await post('/a')).toBe(`ok ${body.length}`);
  });

  it('delays every chunk, in order', async () => {
    proxy.set({ kind: 'delay', ms: 150 });
    const start = Date.now();
    expect(await post('/a')).toBe(`ok ${body.length}`);
    expect(Date.now() - start).toBeGreaterThanOrEqual(290);
  });

  it('cuts after N bytes going up: the far end gets a request broken off there', async () => {
    const headers = 150;
    proxy.set({ kind: 'cut-after', bytes: headers + 1_000 });
    expect(await failure(post('/a'))).not.toBe('answered');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(seen).toHaveLength(1);
    expect(seen[0]?.complete).toBe(false);
    expect(seen[0]?.bytes).toBeLessThan(body.length);
    expect(proxy.stats.cuts).toBeGreaterThan(0);
  });

  it('drops the answers of matching requests only: the far end did the work', async () => {
    proxy.set({ kind: 'cut-after', bytes: 0, direction: 'down', only: /^POST \/commit/ });
    expect(await failure(post('/commit'))).not.toBe('answered');
    expect(seen.map((entry) => [entry.path, entry.complete])).toEqual([['/commit', true]]);
    expect(await post('/other')).toBe(`ok ${body.length}`);
  });

  it('resets connections', async () => {
    proxy.set({ kind: 'reset' });
    expect(await failure(post('/a'))).toBe('ECONNRESET');
    expect(seen).toEqual([]);
  });

  it('black-holes: nothing arrives and nothing comes back, until the caller gives up', async () => {
    proxy.set({ kind: 'black-hole' });
    expect(await failure(post('/a', 300))).toBe('TimeoutError');
    expect(seen).toEqual([]);
    expect(proxy.stats.swallowedBytes).toBeGreaterThan(body.length);
  });
});

import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { testHandlers } from '../testing/test-handlers.js';
import { useTempDir } from '../testing/use-temp-dir.js';
import { startWebHost, type WebHost } from './server.js';

const temp = useTempDir();
const policy = "default-src 'self'; frame-ancestors 'none'";
let host: WebHost | undefined;
afterEach(async () => {
  await host?.close();
  host = undefined;
});

async function start() {
  const rendererDir = path.join(temp.dir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(
    path.join(rendererDir, 'index.html'),
    `<!doctype html><head><meta http-equiv="Content-Security-Policy" content="${policy}" /><title>kiosco</title></head>`,
  );
  host = await startWebHost({ handlers: testHandlers(), rendererDir, port: 0, log: () => {} });
  return host;
}

function post(url: string, method: string, body: unknown, headers: Record<string, string> = {}) {
  return fetch(`${url}/kiosk-api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: url, ...headers },
    body: JSON.stringify(body),
  });
}

describe('web host', () => {
  it('listens on loopback only and serves the renderer', async () => {
    const { url } = await start();
    expect(new URL(url).hostname).toBe('127.0.0.1');
    const page = await fetch(url);
    expect(await page.text()).toContain('<title>kiosco</title>');
  });

  it("sends the page's policy as a header and leaves no meta tag a browser would complain of", async () => {
    const { url } = await start();
    for (const address of [url, `${url}/index.html`]) {
      const page = await fetch(address);
      expect(page.headers.get('content-security-policy')).toBe(policy);
      expect(page.headers.get('x-content-type-options')).toBe('nosniff');
      expect(page.headers.get('x-frame-options')).toBe('DENY');
      const html = await page.text();
      expect(html).toContain('<title>kiosco</title>');
      expect(html).not.toContain('Content-Security-Policy');
    }
  });

  it('carries a kiosk API call to the handler table and back as an envelope', async () => {
    const { url } = await start();
    const response = await post(url, 'app:info', {});
    expect(await response.json()).toEqual({
      ok: true,
      value: { version: '1.2.3', host: 'web', branding: null },
    });
  });

  it('refuses unknown methods and bad payloads with envelopes', async () => {
    const { url } = await start();
    expect(await (await post(url, 'fs:read', {})).json()).toMatchObject({
      ok: false,
      error: { code: 'unknown_method' },
    });
    expect(await (await post(url, 'sync:status', { input: [1] })).json()).toMatchObject({
      ok: false,
      error: { code: 'bad_input' },
    });
  });

  it('refuses a call from another origin (the Electron sender check, over HTTP)', async () => {
    const { url } = await start();
    const foreign = await post(url, 'app:info', {}, { origin: 'http://evil.example' });
    expect(foreign.status).toBe(403);
    expect(await foreign.json()).toMatchObject({ ok: false, error: { code: 'foreign_sender' } });
    const crossSite = await post(url, 'app:info', {}, { 'sec-fetch-site': 'cross-site' });
    expect(crossSite.status).toBe(403);
  });

  it('refuses to start without a built renderer', async () => {
    await expect(
      startWebHost({ handlers: testHandlers(), rendererDir: path.join(temp.dir, 'none') }),
    ).rejects.toThrow(/build:renderer/);
  });
});

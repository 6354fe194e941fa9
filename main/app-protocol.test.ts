import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeEach, describe, expect, it, vi } from 'vitest';

type Handler = (request: Request) => Promise<Response>;

const electron = vi.hoisted(() => ({
  protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
  net: { fetch: vi.fn((url: string) => Promise.resolve(new Response(url))) },
}));

vi.mock('electron', () => electron);

const { registerAppScheme, resolveRendererFile, serveRenderer } = await import('./app-protocol.js');
const { CONTENT_SECURITY_POLICY } = await import('./csp.js');

const root = path.resolve('/opt/ventanilla/renderer/main_window');

describe('resolveRendererFile', () => {
  it('maps app://ventanilla paths into the renderer folder', () => {
    expect(resolveRendererFile(root, 'app://ventanilla/')).toBe(path.join(root, 'index.html'));
    expect(resolveRendererFile(root, 'app://ventanilla/index.html')).toBe(
      path.join(root, 'index.html'),
    );
    expect(resolveRendererFile(root, 'app://ventanilla/assets/app%20x.js?v=1#h')).toBe(
      path.join(root, 'assets', 'app x.js'),
    );
  });

  it('keeps dot segments inside the folder, as URL parsing resolves them', () => {
    expect(resolveRendererFile(root, 'app://ventanilla/../../etc/passwd')).toBe(
      path.join(root, 'etc', 'passwd'),
    );
  });

  it('refuses anything outside the folder or from another origin', () => {
    for (const url of [
      'app://ventanilla/%2e%2e%2fsecret.txt',
      'app://ventanilla/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      'app://ventanilla/assets/..%5c..%5csecret.txt',
      'app://ventanilla/a%00.js',
      'app://ventanilla/%E0%A4%A',
      'app://other/index.html',
      'file:///opt/ventanilla/renderer/main_window/index.html',
      'https://ventanilla/index.html',
      'not a url',
    ]) {
      expect(resolveRendererFile(root, url), url).toBeNull();
    }
  });
});

describe('the app:// protocol', () => {
  beforeEach(() => vi.clearAllMocks());

  it('registers app as a standard, secure scheme', () => {
    registerAppScheme();
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      expect.objectContaining({
        scheme: 'app',
        privileges: expect.objectContaining({ standard: true, secure: true }) as unknown,
      }),
    ]);
  });

  it('serves renderer files and answers 404 for the rest', async () => {
    serveRenderer(root);
    expect(electron.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    const handler = electron.protocol.handle.mock.calls[0]?.[1] as Handler;

    const ok = await handler(new Request('app://ventanilla/assets/main.js'));
    expect(await ok.text()).toBe(pathToFileURL(path.join(root, 'assets', 'main.js')).toString());
    expect(ok.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(ok.headers.get('x-content-type-options')).toBe('nosniff');

    const outside = await handler(new Request('app://ventanilla/%2e%2e%2f%2e%2e%2fetc/passwd'));
    expect(outside.status).toBe(404);
    expect(electron.net.fetch).toHaveBeenCalledOnce();

    electron.net.fetch.mockRejectedValueOnce(new Error('ERR_FILE_NOT_FOUND'));
    const missing = await handler(new Request('app://ventanilla/nope.js'));
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it("keeps the file's own status and type under the added headers", async () => {
    electron.net.fetch.mockResolvedValueOnce(
      new Response('body{}', { status: 200, headers: { 'content-type': 'text/css' } }),
    );
    serveRenderer(root);
    const handler = electron.protocol.handle.mock.calls[0]?.[1] as Handler;
    const sheet = await handler(new Request('app://ventanilla/assets/app.css'));
    expect(sheet.status).toBe(200);
    expect(sheet.headers.get('content-type')).toBe('text/css');
    expect(sheet.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await sheet.text()).toBe('body{}');
  });

  it('serves the page without its meta policy, which the header carries instead', async () => {
    const source = await readFile(path.join(import.meta.dirname, '..', 'renderer', 'index.html'));
    electron.net.fetch.mockResolvedValueOnce(new Response(source));
    serveRenderer(root);
    const handler = electron.protocol.handle.mock.calls[0]?.[1] as Handler;
    const page = await handler(new Request('app://ventanilla/'));
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(html).not.toMatch(/http-equiv="Content-Security-Policy"/i);
    expect(html).toContain('<div id="app"></div>');
  });

  it("registers on the session it is given: a customer partition's own protocol", () => {
    const partitionProtocol = { handle: vi.fn() };
    serveRenderer(root, partitionProtocol);
    expect(partitionProtocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    expect(electron.protocol.handle).not.toHaveBeenCalled();
  });
});

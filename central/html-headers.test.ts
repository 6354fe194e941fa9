import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from './testing/engines.js';
import { startLiveCentral } from './testing/live-central.js';

describeEachEngine('central: no HTML page can be framed or sniffed', (engine) => {
  let live: Awaited<ReturnType<typeof startLiveCentral>>;
  beforeAll(async () => {
    live = await startLiveCentral(engine);
  });
  afterAll(() => live.close());

  it.each([
    '/activar?token=' + 'x'.repeat(43),
    '/activar',
    '/recuperar?token=' + 'x'.repeat(43),
    '/seguimiento',
    '/flota/ingresar',
    '/oficina',
    '/oficina/ingresar',
  ])('%s', async (path) => {
    const page = await live.call('GET', path);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.headers.get('content-security-policy')).toMatch(/(^|; )frame-ancestors 'none'/);
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { APP_RESPONSE_HEADERS, CONTENT_SECURITY_POLICY, parsePolicy } from './csp.js';

vi.mock('electron', () => ({}));

async function metaPolicy(): Promise<string> {
  const html = await readFile(
    path.join(import.meta.dirname, '..', 'renderer', 'index.html'),
    'utf8',
  );
  const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(html);
  if (!meta?.[1]) throw new Error('renderer/index.html has no CSP meta tag');
  return meta[1];
}

describe('the Content Security Policy', () => {
  it('is the same in the app protocol header and in renderer/index.html', async () => {
    expect(parsePolicy(CONTENT_SECURITY_POLICY)).toEqual(parsePolicy(await metaPolicy()));
  });

  it('is strict: own origin only, no inline or eval scripts, no plugins, no framing', () => {
    const policy = parsePolicy(CONTENT_SECURITY_POLICY);
    expect(policy.get('default-src')).toEqual(["'self'"]);
    expect(policy.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(policy.get('connect-src')).toEqual(["'self'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('base-uri')).toEqual(["'none'"]);
    expect(policy.get('form-action')).toEqual(["'none'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    for (const sources of policy.values()) {
      expect(sources).not.toContain("'unsafe-eval'");
      expect(sources).not.toContain('*');
      expect(sources.some((source) => /^https?:/.test(source))).toBe(false);
    }
    expect(policy.get('script-src')).not.toContain("'unsafe-inline'");
  });

  it('goes out with nosniff and no referrer', () => {
    expect(APP_RESPONSE_HEADERS).toEqual({
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
    });
  });
});

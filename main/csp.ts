/**
 * The renderer's Content Security Policy, sent as a header on every `app://ventanilla` response.
 * renderer/index.html carries the same policy in a meta tag (for the web host and the dev server);
 * csp.test.ts keeps the two equal. `'wasm-unsafe-eval'` is there for zxing-wasm (DNI and invoice
 * barcodes), which compiles its wasm from the app's own copy.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers added to every file the app protocol serves. */
export const APP_RESPONSE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

/** A policy as directive name → sorted sources, to compare two policies written differently. */
export function parsePolicy(policy: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) directives.set(name.toLowerCase(), sources.sort());
  }
  return directives;
}

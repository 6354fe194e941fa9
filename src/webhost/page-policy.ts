const policyMeta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"\s*\/?>\s*/i;

/**
 * The renderer's page carries its Content Security Policy in a meta tag (for Vite's dev server;
 * main/csp.ts keeps Electron's copy equal). A browser ignores `frame-ancestors` there and says so
 * in the console on every load, so both the web host and Electron's app protocol take the tag out
 * of the page they serve and send the policy as a header instead: the same policy, one source.
 */
export function pageWithPolicyHeader(html: string): { html: string; policy: string } {
  const meta = policyMeta.exec(html);
  if (!meta?.[1])
    throw new Error("The renderer's index.html has no Content-Security-Policy meta tag.");
  return { html: html.replace(policyMeta, ''), policy: meta[1] };
}

/**
 * A scripted central at the fetch boundary: each call is matched by method and path to the next
 * scripted answer for it, and recorded. For the outbox's error handling (what a 503, a 401, a
 * dropped connection lead to), where a real central cannot be made to fail on cue.
 */
export type ScriptedAnswer =
  { status: number; body?: unknown; headers?: Record<string, string> } | 'network-error';

export type RecordedCall = {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Uint8Array | null;
};

export function scriptedCentral(
  script: Record<string, (call: RecordedCall, count: number) => ScriptedAnswer>,
) {
  const calls: RecordedCall[] = [];
  const counts = new Map<string, number>();
  const fetch = async (input: URL | RequestInfo, init?: RequestInit): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : input.toString());
    const method = init?.method ?? 'GET';
    const headers = Object.fromEntries(new Headers(init?.headers).entries());
    const raw = init?.body;
    const body =
      raw === undefined || raw === null
        ? null
        : typeof raw === 'string'
          ? new TextEncoder().encode(raw)
          : new Uint8Array(raw as ArrayBuffer);
    const call = { method, path: url.pathname, headers, body };
    calls.push(call);
    const route = Object.keys(script).find((key) => {
      const [routeMethod, pattern] = key.split(' ');
      return routeMethod === method && new RegExp(`^${pattern}$`).test(url.pathname);
    });
    if (!route)
      return json(404, { code: 'not_found', message: `No script for ${method} ${url.pathname}` });
    const count = (counts.get(route) ?? 0) + 1;
    counts.set(route, count);
    const answer = script[route]!(call, count);
    if (answer === 'network-error') throw new TypeError('fetch failed');
    return json(answer.status, answer.body, answer.headers);
  };
  return { fetch: fetch, calls };
}

function json(status: number, body: unknown, headers: Record<string, string> = {}) {
  return Promise.resolve(
    new Response(body === undefined ? null : JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json', ...headers },
    }),
  );
}

/** JSON of a recorded call's body. */
export function jsonOf(call: RecordedCall): unknown {
  return call.body ? JSON.parse(new TextDecoder().decode(call.body)) : undefined;
}

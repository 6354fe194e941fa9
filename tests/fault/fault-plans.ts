/**
 * Where a child process kills itself with SIGKILL: the fault plans the tests hand to
 * tests/fault/kiosk-process.ts and tests/fault/central-process.ts (as JSON in FAULT_PLAN).
 */

/** A call of the kiosk to the central, as "METHOD /path" prefixes: "PATCH /api/v1/uploads/". */
export const routes = {
  token: 'POST /api/v1/delivery-tokens',
  announce: 'POST /api/v1/uploads',
  chunk: 'PATCH /api/v1/uploads/',
  submit: 'POST /api/v1/requests',
} as const;

/**
 * The kiosk core dies:
 * - `before-commit`: its first sealed attachment file is on disk, the outbox row is not committed;
 * - `before-send`: the `nth` call to `route` is about to leave (whatever is local is done);
 * - `mid-body`: half of that call's body has left;
 * - `after-answer`: the central answered that call (it did the work), unread.
 */
export type KioskKillPoint =
  | { at: 'before-commit' }
  | { at: 'before-send' | 'mid-body' | 'after-answer'; route: string; nth: number };

/**
 * The central dies while handling the `nth` call to `route`:
 * - `mid-request`: `delayMs` after the request's body arrived (somewhere in the handler);
 * - `before-answer`: when the answer is about to be written (the transaction has committed).
 */
export type CentralKillPoint = {
  route: string;
  nth: number;
  at: 'mid-request' | 'before-answer';
  delayMs?: number;
};

export const describePoint = (point: KioskKillPoint | CentralKillPoint) =>
  'route' in point ? `${point.at} ${point.route} #${point.nth}` : point.at;

/** Counts calls matching a route and says when the `nth` one comes. */
export function routeCounter(point: { route: string; nth: number } | null) {
  let seen = 0;
  return (method: string, path: string): boolean =>
    point !== null && `${method} ${path}`.startsWith(point.route) && ++seen === point.nth;
}

/** Reads the plan a test gave the process (none: a plain, healthy process). */
export function planFromEnvironment<T>(): T | null {
  const text = process.env.FAULT_PLAN;
  return text ? (JSON.parse(text) as T | null) : null;
}

/** SIGKILL to oneself: no exit handler, no flush, as a pulled plug. */
export function die(): never {
  process.kill(process.pid, 'SIGKILL');
  // SIGKILL is delivered before kill() returns to a single-threaded caller; this is never reached.
  throw new Error('still alive after SIGKILL');
}

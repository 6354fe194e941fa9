import {
  kioskApi,
  isKioskMethod,
  type Envelope,
  type KioskInput,
  type KioskMethod,
  type KioskOutput,
} from '../contract/index.js';
import { KioskError, kioskErrors } from './errors.js';

export type KioskHandlers = {
  readonly [M in KioskMethod]: (input: KioskInput<M>) => Promise<KioskOutput<M>>;
};

export type DispatchLog = (event: { method: string; error: unknown }) => void;

/**
 * The one entry point for every caller of the kiosk API (Electron IPC, the web host): the method
 * name and the input arrive as `unknown` and are parsed against the contract; whatever happens, the
 * caller gets an envelope, never a thrown error or a stack trace.
 */
export async function dispatch(
  handlers: KioskHandlers,
  method: unknown,
  rawInput: unknown,
  log: DispatchLog = () => {},
): Promise<Envelope<unknown>> {
  if (!isKioskMethod(method)) return { ok: false, error: kioskErrors.unknownMethod().toApiError() };
  const entry = kioskApi[method];
  const input = entry.input.safeParse(rawInput);
  if (!input.success) return { ok: false, error: kioskErrors.badInput().toApiError() };
  try {
    const handler = handlers[method] as (input: unknown) => Promise<unknown>;
    const value = entry.output.parse(await handler(input.data));
    return { ok: true, value };
  } catch (error) {
    if (error instanceof KioskError) return { ok: false, error: error.toApiError() };
    log({ method, error });
    return { ok: false, error: kioskErrors.internal().toApiError() };
  }
}

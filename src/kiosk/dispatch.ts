import type { z } from 'zod';
import {
  kioskApi,
  isKioskMethod,
  type Envelope,
  type KioskParsedInput,
  type KioskMethod,
  type KioskOutput,
} from '../contract/index.js';
import { KioskError, kioskErrors } from './errors.js';

export type KioskHandlers = {
  readonly [M in KioskMethod]: (input: KioskParsedInput<M>) => Promise<KioskOutput<M>>;
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
  if (!input.success) return { ok: false, error: inputRefusal(input.error).toApiError() };
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

/**
 * A refused input names its field; when the refusal is one of the domain's own rules its Spanish
 * message is the one the screen already shows next to that field.
 */
function inputRefusal(error: z.ZodError): KioskError {
  const issue = error.issues[0];
  const field = issue?.path.map(String).join('.') || undefined;
  if (issue?.code === 'custom') return new KioskError('invalid_field', issue.message, field);
  const generic = kioskErrors.badInput();
  return new KioskError(generic.code, generic.message, field);
}

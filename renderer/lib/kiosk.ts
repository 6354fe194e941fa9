import type { ApiError } from '../../src/contract/errors.js';
import type { KioskInput, KioskMethod, KioskOutput } from '../../src/contract/kiosk-api.js';

/** A refused kiosk call, carrying the Spanish message the core wrote for people. */
export class KioskCallError extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
    this.name = 'KioskCallError';
  }
}

/** Calls window.kiosk and unwraps its envelope; the only way the renderer talks to the core. */
export async function call<M extends KioskMethod>(
  method: M,
  ...input: KioskInput<M> extends undefined ? [] : [KioskInput<M>]
): Promise<KioskOutput<M>> {
  const invoke = window.kiosk[method] as (input: unknown) => ReturnType<(typeof window.kiosk)[M]>;
  const envelope = await invoke(input[0]);
  if (!envelope.ok) throw new KioskCallError(envelope.error);
  return envelope.value;
}

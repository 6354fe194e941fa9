import type { Envelope } from './errors.js';
import type { KioskInput, KioskMethod, KioskOutput } from './kiosk-api.js';

/** The shape of window.kiosk: one function per method of the kiosk API, nothing else. */
export type WindowKiosk = {
  readonly [M in KioskMethod]: (input: KioskInput<M>) => Promise<Envelope<KioskOutput<M>>>;
};

import { backgroundMethods, type KioskMethod } from '../contract/index.js';
import type { KioskHandlers } from './dispatch.js';

export type KioskCallObserver = {
  /** A customer did something through the kiosk API (a method not marked `background`). */
  customerCall?: (method: KioskMethod) => void;
  /**
   * `session:signOut` settled: the renderer ends every customer's visit with it ("Salir", the
   * inactivity wipe), signed in or not. Called whether it succeeded or not: the customer is gone.
   */
  sessionEnded?: () => void;
};

/**
 * A handler table with observers around it: the same methods, inputs and answers. Main learns
 * when a visit ends without the core knowing about windows or partitions; the core learns when
 * the customer last did something (see `session:current`).
 */
export function observeKioskHandlers(
  handlers: KioskHandlers,
  observer: KioskCallObserver,
): KioskHandlers {
  const observed: Partial<Record<KioskMethod, (input: never) => Promise<unknown>>> = {};
  for (const method of Object.keys(handlers) as KioskMethod[]) {
    const handler = handlers[method] as (input: unknown) => Promise<unknown>;
    observed[method] = async (input: unknown) => {
      if (!backgroundMethods.has(method)) observer.customerCall?.(method);
      if (method !== 'session:signOut') return handler(input);
      try {
        return await handler(input);
      } finally {
        observer.sessionEnded?.();
      }
    };
  }
  return observed as KioskHandlers;
}

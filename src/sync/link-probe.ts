/**
 * "En línea" / "Sin conexión" while a customer is at the kiosk. Every call to the central already
 * tells the link's state (see `onLink` of the central client), but between a customer's calls
 * only the catalogue's sync would notice a drop, a minute apart. While someone is at the kiosk
 * the core asks the central's health check (`GET /healthz`, a few bytes) every `everyMs`, waiting
 * at most `timeoutMs`: a dropped link shows within `everyMs + timeoutMs` (7 s) of the drop, and
 * its return as soon.
 *
 * It is the core's own timer, not a kiosk API call, so it never counts as the customer's activity
 * and never keeps a visit alive; with nobody at the kiosk it sends nothing.
 */
export const linkProbeTiming = { everyMs: 3_000, timeoutMs: 4_000 } as const;

export function createLinkProbe(deps: {
  /** One probe of the central, failing after `timeoutMs`; its outcome is reported by the client. */
  probe: (timeoutMs: number) => Promise<unknown>;
  /** Whether a customer is at the kiosk now. */
  customerPresent: () => boolean;
  everyMs?: number;
  timeoutMs?: number;
}) {
  const { everyMs = linkProbeTiming.everyMs, timeoutMs = linkProbeTiming.timeoutMs } = deps;
  let timer: ReturnType<typeof setInterval> | undefined;
  let inFlight: Promise<void> | null = null;

  function tick() {
    if (inFlight || !deps.customerPresent()) return;
    inFlight = deps
      .probe(timeoutMs)
      .then(
        () => undefined,
        // The client has already reported the failure as the link's state.
        () => undefined,
      )
      .finally(() => {
        inFlight = null;
      });
  }

  return {
    start() {
      if (timer) return;
      timer = setInterval(tick, everyMs);
      timer.unref?.();
    },
    async stop() {
      clearInterval(timer);
      timer = undefined;
      await inFlight;
    },
  };
}

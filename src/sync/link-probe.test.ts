import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLinkProbe, linkProbeTiming } from './link-probe.js';

describe('the link probe', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('asks only while a customer is at the kiosk, one probe at a time', async () => {
    let present = false;
    const waits: number[] = [];
    let answer: (() => void) | undefined;
    const probe = createLinkProbe({
      customerPresent: () => present,
      probe: (timeoutMs) => {
        waits.push(timeoutMs);
        return new Promise<void>((resolve) => (answer = resolve));
      },
    });
    probe.start();
    await vi.advanceTimersByTimeAsync(10 * linkProbeTiming.everyMs);
    expect(waits).toEqual([]);

    present = true;
    await vi.advanceTimersByTimeAsync(linkProbeTiming.everyMs);
    expect(waits).toEqual([linkProbeTiming.timeoutMs]);
    // Still unanswered: no second probe piles up behind it.
    await vi.advanceTimersByTimeAsync(3 * linkProbeTiming.everyMs);
    expect(waits).toHaveLength(1);
    answer?.();
    await vi.advanceTimersByTimeAsync(linkProbeTiming.everyMs);
    expect(waits).toHaveLength(2);

    present = false;
    answer?.();
    await vi.advanceTimersByTimeAsync(10 * linkProbeTiming.everyMs);
    expect(waits).toHaveLength(2);
    await probe.stop();
  });

  it('learns of a dead link within 10 s of the drop, whenever the drop falls', () => {
    // The worst case: the link drops just after a probe was answered.
    expect(linkProbeTiming.everyMs + linkProbeTiming.timeoutMs).toBeLessThanOrEqual(10_000);
  });
});

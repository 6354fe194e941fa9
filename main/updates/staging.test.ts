import { describe, expect, it, vi } from 'vitest';
import { isWithinRollout, rolloutBucket } from './staging.js';

vi.mock('electron', () => ({}));

const kioskIds = Array.from(
  { length: 10_000 },
  (_, index) => `kiosk-${index}-${(index * 7919) % 104729}`,
);

describe('rolloutBucket', () => {
  it('is a whole number from 0 to 99', () => {
    for (const id of kioskIds.slice(0, 1000)) {
      const bucket = rolloutBucket(id, '1.2.0');
      expect(Number.isInteger(bucket)).toBe(true);
      expect(bucket).toBeGreaterThanOrEqual(0);
      expect(bucket).toBeLessThan(100);
    }
  });

  it('is stable: the same kiosk and version always land in the same bucket', () => {
    for (const id of kioskIds.slice(0, 100)) {
      expect(rolloutBucket(id, '1.2.0')).toBe(rolloutBucket(id, '1.2.0'));
    }
  });

  it('does not change between releases of the kiosk (a change would reshuffle every group)', () => {
    expect(rolloutBucket('3f2b8c1e-kiosk', '1.2.0')).toBe(80);
    expect(rolloutBucket('3f2b8c1e-kiosk', '1.3.0')).toBe(8);
  });

  it('spreads kiosks evenly over the buckets', () => {
    const counts = new Array<number>(10).fill(0);
    for (const id of kioskIds) {
      const decile = Math.floor(rolloutBucket(id, '1.2.0') / 10);
      counts[decile] = (counts[decile] ?? 0) + 1;
    }
    for (const count of counts) {
      expect(count).toBeGreaterThan(850);
      expect(count).toBeLessThan(1150);
    }
  });

  it('draws a different group for each version', () => {
    const inFirst = kioskIds.filter((id) => isWithinRollout(id, '1.2.0', 20));
    const inBoth = inFirst.filter((id) => isWithinRollout(id, '1.3.0', 20));
    expect(inBoth.length / inFirst.length).toBeGreaterThan(0.15);
    expect(inBoth.length / inFirst.length).toBeLessThan(0.25);
  });
});

describe('isWithinRollout', () => {
  const share = (percentage: unknown) =>
    kioskIds.filter((id) => isWithinRollout(id, '1.2.0', percentage)).length / kioskIds.length;

  it('takes about the staged share of the fleet', () => {
    expect(share(20)).toBeGreaterThan(0.185);
    expect(share(20)).toBeLessThan(0.215);
    expect(share(50)).toBeGreaterThan(0.48);
    expect(share(50)).toBeLessThan(0.52);
  });

  it('only adds kiosks as the percentage grows: nobody leaves the group', () => {
    const at20 = kioskIds.filter((id) => isWithinRollout(id, '1.2.0', 20));
    expect(at20.every((id) => isWithinRollout(id, '1.2.0', 50))).toBe(true);
  });

  it('takes everyone without a percentage or at 100, nobody at 0', () => {
    expect(share(undefined)).toBe(1);
    expect(share(null)).toBe(1);
    expect(share(100)).toBe(1);
    expect(share(0)).toBe(0);
  });

  it('reads a percentage written as text', () => {
    expect(share('20')).toBe(share(20));
  });

  it('holds a release back when the percentage is not a number', () => {
    expect(share('veinte')).toBe(0);
    expect(share(Number.NaN)).toBe(0);
  });
});

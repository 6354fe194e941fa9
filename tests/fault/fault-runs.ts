/**
 * How many runs and which: the short form (part of `npm test`) runs each named scenario once;
 * `npm run test:faults` sets FAULT_RUNS and the scenarios drawn at random are added. The seed
 * is printed, and FAULT_SEED replays a long run.
 */
export const faultRuns = Number(process.env.FAULT_RUNS ?? 0);
export const faultSeed = Number(process.env.FAULT_SEED ?? Date.now() % 2 ** 31);

/** mulberry32: small, seeded, good enough to pick fault points. */
export function seededRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  return {
    next,
    /** An integer in [min, max]. */
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
  };
}

/** Long runs take a while each: a per-test timeout that fits one. */
export const runTimeoutMs = 90_000;

import { performance } from 'node:perf_hooks';

export type Figure = { name: string; value: string; note?: string };

/** Runs `task` `runs` times after `warmup` runs and returns the durations in ms, sorted. */
export async function sample(task: () => Promise<unknown>, runs: number, warmup = 2) {
  for (let i = 0; i < warmup; i++) await task();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await task();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b);
}

export function median(sorted: number[]): number {
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? Number.NaN;
}

export const ms = (value: number) => `${value.toFixed(1)} ms`;

import os from 'node:os';
import { accountsBench } from './accounts.bench.js';
import { catalogBench } from './catalog.bench.js';
import { centralLoadBench } from './central-load.bench.js';
import { documentsBench } from './documents.bench.js';
import type { Figure } from './measure.js';
import { outboxBench } from './outbox.bench.js';
import { rendererBench } from './renderer.bench.js';
import { securityBench } from './security.bench.js';

/**
 * `npm run bench`: prints figures, one group per area. They are measurements to compare between
 * runs on the same machine, never pass/fail thresholds.
 */
const groups: [string, () => Promise<Figure[]>][] = [
  ['Accounts', accountsBench],
  ['Catalogue sync', catalogBench],
  ['Documents', documentsBench],
  ['Outbox', outboxBench],
  ['Renderer', rendererBench],
  ['Security', securityBench],
  ['Central under load', centralLoadBench],
];
/** BENCH_ONLY=central runs only the groups whose title contains that word (any case). */
const only = process.env.BENCH_ONLY?.toLowerCase();

console.log(
  `Ventanilla benchmarks: Node ${process.version}, ${os.cpus()[0]?.model ?? 'CPU'} ×${os.cpus().length}`,
);
for (const [title, run] of groups) {
  if (only && !title.toLowerCase().includes(only)) continue;
  console.log(`\n${title}`);
  for (const figure of await run()) {
    console.log(
      `  ${figure.name.padEnd(44)} ${figure.value.padStart(20)}${figure.note ? `  (${figure.note})` : ''}`,
    );
  }
}

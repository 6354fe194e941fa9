import { Worker } from 'node:worker_threads';
import type { LoadPlan, LoadResult } from './plan.js';

/**
 * Runs the load generator in a worker thread: the servers keep the main thread's event loop to
 * themselves, as a central would in its own process (the two still share the machine's cores).
 * The worker compiles TypeScript the way `tsx` does for the main thread.
 */
export function loadInWorker(plan: LoadPlan): Promise<LoadResult> {
  const tsx = import.meta.resolve('tsx/esm/api');
  const generator = new URL('./generator.ts', import.meta.url).href;
  const bootstrap = `import(${JSON.stringify(tsx)})
    .then(({ register }) => { register(); return import(${JSON.stringify(generator)}); })`;
  const worker = new Worker(bootstrap, { eval: true, workerData: { loadPlan: plan } });
  return new Promise<LoadResult>((resolve, reject) => {
    worker.once('message', (result: LoadResult) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`load generator exited (${code})`)));
  });
}

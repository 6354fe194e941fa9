import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import type { Envelope } from '../../src/contract/index.js';

/** Every child started here, killed when the test process exits however the tests ended. */
const children = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

export type ReadyChild = Awaited<ReturnType<typeof spawnReady>>;

/**
 * Starts a TypeScript script in a Node process of its own and waits until it prints
 * `ready <port> [<more ports>…]`. The child can die on its own (a fault plan kills it with SIGKILL): `exited`
 * resolves then, and `kill` and `stop` do nothing more.
 */
export async function spawnReady(script: string, env: Record<string, string>) {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', script], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.add(child);
  const exited = once(child, 'exit').then(() => {
    children.delete(child);
  });
  let output = '';
  const ports = await new Promise<number[]>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /ready ([\d ]+)\n/.exec(output);
      if (match) resolve(match[1]!.trim().split(' ').map(Number));
    });
    void exited.then(() => reject(new Error(`${script} exited (${child.exitCode}) before ready`)));
  });
  const alive = () => child.exitCode === null && child.signalCode === null;
  const end = async (signal: NodeJS.Signals) => {
    if (alive()) child.kill(signal);
    await exited;
  };
  return {
    pid: child.pid!,
    port: ports[0]!,
    ports,
    exited,
    alive,
    /** SIGKILL: no shutdown code runs, as in a crash. */
    kill: () => end('SIGKILL'),
    stop: () => end('SIGTERM'),
  };
}

/** Starts a kiosk core process (tests/helpers/kiosk-core-process.ts unless told) and calls it. */
export async function spawnKioskCore(
  dataDir: string,
  centralUrl: string,
  options: { script?: string; env?: Record<string, string> } = {},
) {
  const child = await spawnReady(options.script ?? 'tests/helpers/kiosk-core-process.ts', {
    ...options.env,
    KIOSK_DATA_DIR: dataDir,
    CENTRAL_URL: centralUrl,
  });
  return {
    ...child,
    call: async (method: string, input?: unknown): Promise<Envelope<unknown>> => {
      const response = await fetch(`http://127.0.0.1:${child.port}/${method}`, {
        method: 'POST',
        body: input === undefined ? '' : JSON.stringify(input),
      });
      return (await response.json()) as Envelope<unknown>;
    },
  };
}

export type KioskCoreChild = Awaited<ReturnType<typeof spawnKioskCore>>;

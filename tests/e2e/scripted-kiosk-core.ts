import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { build } from 'vite';
import type { KioskMethod } from '../../src/contract/index.js';
import type { KioskHandlers } from '../../src/kiosk/dispatch.js';
import { KioskError } from '../../src/kiosk/errors.js';
import { testHandlers } from '../../src/testing/test-handlers.js';
import { startWebHost, type WebHost } from '../../src/webhost/server.js';

/**
 * A scripted kiosk core for renderer tests: the real web host and dispatch (so inputs are parsed
 * against the contract, as in the kiosk), with a handler table each test scripts per scenario.
 * Every call is recorded. The full path against the real core and central is tested elsewhere.
 */
export interface RecordedCall {
  method: KioskMethod;
  input: unknown;
}

export type Script = Partial<KioskHandlers>;

/** A refusal as the core sends it, optionally naming the form field it belongs to. */
export function refusal(
  code: string,
  message: string,
  field?: string,
  retryAfterSeconds?: number,
): Promise<never> {
  return Promise.reject(new KioskError(code, message, field, retryAfterSeconds));
}

export class ScriptedKioskCore {
  readonly calls: RecordedCall[] = [];
  #script: Script = {};

  /** Replaces the answers of the methods named; the others keep their defaults. */
  script(script: Script): void {
    this.#script = { ...this.#script, ...script };
  }

  reset(): void {
    this.#script = {};
    this.calls.length = 0;
  }

  callsOf(method: KioskMethod): unknown[] {
    return this.calls.filter((call) => call.method === method).map((call) => call.input);
  }

  /** The table the web host dispatches to: the script's answer, or the test default. */
  handlers(): KioskHandlers {
    const defaults = testHandlers();
    const table = {} as Record<string, (input: unknown) => Promise<unknown>>;
    for (const method of Object.keys(defaults) as KioskMethod[]) {
      table[method] = (input: unknown) => {
        this.calls.push({ method, input });
        const handler = (this.#script[method] ?? defaults[method]) as (
          input: unknown,
        ) => Promise<unknown>;
        return handler(input);
      };
    }
    return table as unknown as KioskHandlers;
  }
}

/** Builds the app's renderer (the same config as `npm run build:renderer`) into `outDir`. */
export async function buildRenderer(outDir: string): Promise<void> {
  await build({
    configFile: path.resolve('vite.renderer.config.ts'),
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  });
}

/** The built renderer served by the web host, talking to a scripted core. */
export async function startScriptedKiosk(): Promise<{
  url: string;
  core: ScriptedKioskCore;
  close: () => Promise<void>;
}> {
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'ventanilla-accounts-'));
  const rendererDir = path.join(workDir, 'renderer');
  await buildRenderer(rendererDir);
  const core = new ScriptedKioskCore();
  let host: WebHost | null = await startWebHost({
    handlers: core.handlers(),
    rendererDir,
    port: 0,
    log: () => {},
  });
  return {
    url: host.url,
    core,
    async close() {
      await host?.close();
      host = null;
      await rm(workDir, { recursive: true, force: true });
    },
  };
}

import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Several centrals as a cooperative runs them: separate processes (`npm run central`'s entry
 * point), each with its own data folder, on one PostgreSQL database, behind Debian's haproxy on
 * loopback. Used by the tests of several instances and by the load bench.
 */

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const haproxyPath = process.env.HAPROXY_PATH ?? '/usr/sbin/haproxy';

export type CentralProcess = {
  readonly url: string;
  readonly pid: number;
  readonly dataDir: string;
  /** Sends the signal (SIGKILL for a crash) and waits for the process to end. */
  kill(signal?: NodeJS.Signals): Promise<void>;
};

/** Ends with whatever the child wrote, so a failed start says why. */
function waitForLine(child: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      finish();
      reject(new Error(`No "${String(pattern)}" within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = (data: Buffer) => {
      output += data.toString('utf8');
      const found = pattern.exec(output);
      if (found) {
        finish();
        resolve(found[1] ?? found[0]);
      }
    };
    const onExit = (code: number | null) => {
      finish();
      reject(new Error(`Exited (${code}) before "${String(pattern)}":\n${output}`));
    };
    function finish() {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.stderr?.off('data', onData);
      child.off('exit', onExit);
    }
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', onExit);
  });
}

function killer(child: ChildProcess) {
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  return async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
}

/** `npm run central` in a child process, on port 0; resolves once it listens. */
export async function startCentralProcess(options: {
  databaseUrl: string;
  env?: Record<string, string>;
  timeoutMs?: number;
}): Promise<CentralProcess> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'ventanilla-instance-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'central/cli.ts', 'serve'], {
    cwd: repoRoot,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? tmpdir(),
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DATABASE_URL: options.databaseUrl,
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const kill = killer(child);
  try {
    const url = await waitForLine(
      child,
      /Central escuchando en (http:\/\/127\.0\.0\.1:\d+)/,
      options.timeoutMs ?? 60_000,
    );
    // Keep reading, so a chatty child never blocks on a full pipe.
    child.stdout?.resume();
    child.stderr?.resume();
    return {
      url,
      pid: child.pid!,
      dataDir,
      async kill(signal) {
        await kill(signal);
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}

/** A port free right now on 127.0.0.1 (haproxy needs one in its configuration). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export type Balancer = {
  readonly url: string;
  readonly pid: number;
  close(): Promise<void>;
};

/**
 * haproxy in front of `backends`, round-robin per request (HTTP mode balances each request, over
 * kept-alive connections to the instances), with health checks every 500 ms, and a request
 * whose connection was refused retried on another instance, so a killed one loses no call. Each answer says which instance gave it (`x-served-by: c0`, `c1`…).
 */
export async function startBalancer(backends: string[]): Promise<Balancer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'ventanilla-haproxy-'));
  const port = await freePort();
  const servers = backends.map((backend, index) => {
    const { hostname, port: backendPort } = new URL(backend);
    return `  server c${index} ${hostname}:${backendPort} check inter 500 fall 3 rise 1`;
  });
  const config = [
    'global',
    '  maxconn 4096',
    'defaults',
    '  mode http',
    '  timeout connect 2s',
    '  timeout client 60s',
    '  timeout server 60s',
    // A loaded instance answers its health check late: that is not a dead one.
    '  timeout check 10s',
    '  retries 3',
    '  option redispatch',
    '  retry-on conn-failure empty-response response-timeout',
    'frontend centrals',
    `  bind 127.0.0.1:${port}`,
    '  default_backend instances',
    'backend instances',
    '  balance roundrobin',
    '  option httpchk GET /healthz',
    '  http-response set-header x-served-by %s',
    ...servers,
    '',
  ].join('\n');
  const file = path.join(dir, 'haproxy.cfg');
  writeFileSync(file, config);
  const child = spawn(haproxyPath, ['-db', '-f', file], { stdio: ['ignore', 'pipe', 'pipe'] });
  const kill = killer(child);
  let said = '';
  child.stdout?.resume();
  child.stderr?.on('data', (data: Buffer) => {
    if (said.length < 10_000) said += data.toString('utf8');
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    const up = await fetch(`${url}/healthz`).then(
      (response) => response.ok,
      () => false,
    );
    if (up) break;
    if (Date.now() > deadline || child.exitCode !== null) {
      await kill('SIGKILL');
      throw new Error(`haproxy did not start on ${url}:\n${said}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    pid: child.pid!,
    async close() {
      await kill('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

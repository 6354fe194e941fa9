import net from 'node:net';
import { once } from 'node:events';

/**
 * What the link between kiosk and central does to the bytes, from the moment it is set:
 * - `pass`: forwards them;
 * - `delay`: holds every chunk for `ms` (order kept), both ways;
 * - `cut-after`: lets `bytes` through in one direction (`up`: kiosk → central, the default;
 *   `down`: the answers), then cuts the connection there, and every later one at once; with
 *   `perConnection`, each connection gets its own `bytes` (every answer broken off mid-way);
 * - `reset`: answers every connection's next byte with a TCP reset;
 * - `black-hole`: swallows everything both ways and never closes (a dead route).
 * `only` limits the fault to connections whose current request line ("POST /api/v1/requests")
 * matches; the others pass.
 */
export type LinkFault =
  | { kind: 'pass' }
  | { kind: 'delay'; ms: number }
  | { kind: 'cut-after'; bytes: number; direction?: Direction; perConnection?: boolean }
  | { kind: 'reset' }
  | { kind: 'black-hole' };
export type LinkRule = LinkFault & { only?: RegExp };
type Direction = 'up' | 'down';

type Pipe = {
  client: net.Socket;
  upstream: net.Socket;
  /** The request line last seen going up: what the answers coming down belong to. */
  request: string;
  notBefore: Record<Direction, number>;
  /** Bytes this connection has let through since the rule was set. */
  counted: Record<Direction, number>;
};

const requestLine = /^(GET|HEAD|POST|PUT|PATCH|DELETE) (\S+) HTTP\/1\.[01]\r\n/;

/** A TCP proxy on 127.0.0.1 (port 0) in front of a central on 127.0.0.1:`targetPort`. */
export async function startTcpProxy(targetPort: number) {
  let target = targetPort;
  let rule: LinkRule = { kind: 'pass' };
  let counted = 0;
  const stats = { connections: 0, cuts: 0, resets: 0, swallowedBytes: 0, delayedChunks: 0 };
  const pipes = new Set<Pipe>();
  /** Every request line that came up from the kiosk, in order. */
  const requests: string[] = [];

  function cut(pipe: Pipe) {
    pipe.client.destroy();
    pipe.upstream.destroy();
  }

  function send(pipe: Pipe, direction: Direction, chunk: Buffer, delayMs: number) {
    const to = direction === 'up' ? pipe.upstream : pipe.client;
    const at = Math.max(Date.now() + delayMs, pipe.notBefore[direction]);
    pipe.notBefore[direction] = at;
    if (at <= Date.now()) {
      to.write(chunk);
      return;
    }
    setTimeout(() => {
      if (!to.destroyed) to.write(chunk);
    }, at - Date.now());
  }

  function forward(pipe: Pipe, direction: Direction, chunk: Buffer) {
    if (rule.only && !rule.only.test(pipe.request)) return send(pipe, direction, chunk, 0);
    switch (rule.kind) {
      case 'pass':
        return send(pipe, direction, chunk, 0);
      case 'delay':
        stats.delayedChunks++;
        return send(pipe, direction, chunk, rule.ms);
      case 'black-hole':
        stats.swallowedBytes += chunk.length;
        return;
      case 'reset':
        stats.resets++;
        pipe.client.resetAndDestroy();
        pipe.upstream.destroy();
        return;
      case 'cut-after': {
        if ((rule.direction ?? 'up') !== direction) return send(pipe, direction, chunk, 0);
        const before = rule.perConnection ? pipe.counted[direction] : counted;
        const room = rule.bytes - before;
        if (room > chunk.length) {
          if (rule.perConnection) pipe.counted[direction] += chunk.length;
          else counted += chunk.length;
          return send(pipe, direction, chunk, 0);
        }
        counted = rule.bytes;
        stats.cuts++;
        const to = direction === 'up' ? pipe.upstream : pipe.client;
        // The bytes before the cut still arrive: the far end sees a message broken off mid-way.
        if (room > 0) to.write(chunk.subarray(0, room), () => cut(pipe));
        else cut(pipe);
        return;
      }
    }
  }

  const server = net.createServer((client) => {
    stats.connections++;
    const upstream = net.connect(target, '127.0.0.1');
    const pipe: Pipe = {
      client,
      upstream,
      request: '',
      notBefore: { up: 0, down: 0 },
      counted: { up: 0, down: 0 },
    };
    pipes.add(pipe);
    const close = () => {
      cut(pipe);
      pipes.delete(pipe);
    };
    for (const socket of [client, upstream]) {
      socket.on('error', close);
      socket.on('close', close);
    }
    client.on('data', (chunk: Buffer) => {
      const line = requestLine.exec(chunk.subarray(0, 512).toString('latin1'));
      if (line) {
        pipe.request = `${line[1]} ${line[2]}`;
        requests.push(pipe.request);
      }
      forward(pipe, 'up', chunk);
    });
    upstream.on('data', (chunk: Buffer) => forward(pipe, 'down', chunk));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as net.AddressInfo).port;

  return {
    port,
    url: `http://127.0.0.1:${port}`,
    stats,
    requests,
    /** The link from now on; a cut's byte count starts again. */
    set(next: LinkRule) {
      rule = next;
      counted = 0;
      for (const pipe of pipes) pipe.counted = { up: 0, down: 0 };
    },
    /** The central came back on another port. */
    retarget(nextPort: number) {
      target = nextPort;
    },
    /** Drops every open connection (those a black hole holds included). */
    dropConnections() {
      for (const pipe of pipes) cut(pipe);
    },
    async close() {
      for (const pipe of pipes) cut(pipe);
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type TcpProxy = Awaited<ReturnType<typeof startTcpProxy>>;

import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dispatch, type KioskHandlers } from '../../src/kiosk/dispatch.js';

/**
 * Serves a core's kiosk API as JSON over loopback, for a core in a process of its own: POST
 * /<method> with the input as the body. Prints `ready <port>` once listening. `controls` are
 * extra routes of the test process itself (a fault plan to arm), answered `{ ok: true }`.
 */
export function serveKioskApi(
  handlers: KioskHandlers,
  controls: Record<string, (input: unknown) => void> = {},
): void {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const input: unknown = text ? JSON.parse(text) : undefined;
      const method = (request.url ?? '/').slice(1);
      const control = controls[method];
      if (control) {
        control(input);
        response.end(JSON.stringify({ ok: true }));
        return;
      }
      void dispatch(handlers, method, input).then((envelope) => {
        response.setHeader('content-type', 'application/json');
        response.end(JSON.stringify(envelope));
      });
    });
  });
  server.listen(0, '127.0.0.1', () => {
    console.log(`ready ${(server.address() as AddressInfo).port}`);
  });
}

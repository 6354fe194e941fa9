/**
 * The central in a process of its own (startCentral, as `npm run central` runs it) that kills
 * itself (SIGKILL) at the point its FAULT_PLAN (or the plan POSTed to its control port) names.
 * Prints `ready <port> <control port>`. An idempotency
 * claim left by a killed central is taken over after CLAIM_MS, not a minute, to keep runs short.
 */
import diagnostics from 'node:diagnostics_channel';
import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startCentral } from '../../central/server.js';
import { die, planFromEnvironment, routeCounter, type CentralKillPoint } from './fault-plans.js';

const dataDir = process.env.CENTRAL_DATA_DIR;
if (!dataDir) throw new Error('CENTRAL_DATA_DIR is required');
let plan: CentralKillPoint | null = null;
let matches = routeCounter(null);
/** A plan from the environment, or later from the test (the control port): the next one wins. */
function arm(next: CentralKillPoint | null) {
  plan = next;
  matches = routeCounter(next);
}
arm(planFromEnvironment<CentralKillPoint>());

// Published by Node's HTTP server for every request before any handler sees it.
diagnostics.subscribe('http.server.request.start', (message) => {
  const { request, response } = message as { request: IncomingMessage; response: ServerResponse };
  if (!matches(request.method ?? '', request.url ?? '') || !plan) return;
  if (plan.at === 'before-answer') {
    // Fastify writes the head once the handler (and its transaction) is done.
    response.writeHead = () => die();
    return;
  }
  const delayMs = plan.delayMs ?? 0;
  request.once('end', () => setTimeout(die, delayMs));
});

/** Where the test arms a plan: POST the plan's JSON; a server of the test's own, on loopback. */
const control = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    arm(JSON.parse(Buffer.concat(chunks).toString('utf8')) as CentralKillPoint | null);
    response.end('{}');
  });
});
control.listen(0, '127.0.0.1');
await once(control, 'listening');

const central = await startCentral({
  dataDir,
  databaseUrl: process.env.DATABASE_URL || undefined,
  smtpUrl: process.env.SMTP_URL || undefined,
  port: 0,
  seedDemo: true,
  // Test files register many accounts from one address; the limit's own test sets it.
  accounts: { throttle: { registrationsPerHour: 10_000 } },
  requests: { idempotencyClaimMs: Number(process.env.CLAIM_MS ?? 1_000) },
});
process.once('SIGTERM', () => {
  void central.close().then(() => process.exit(0));
});
console.log(`ready ${central.port} ${(control.address() as AddressInfo).port}`);

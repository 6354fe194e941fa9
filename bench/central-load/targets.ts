import { randomBytes, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import { sql } from 'kysely';
import { defaultAccountsConfig } from '../../central/accounts/config.js';
import { argon2Hasher } from '../../central/accounts/password-hashing.js';
import { startSession } from '../../central/accounts/sessions.js';
import { createDatabase, type CentralDb, type Engine } from '../../central/db/index.js';
import { issueEnrolmentCode } from '../../central/fleet/enrolment.js';
import { fleetConfig } from '../../central/fleet/index.js';
import { startCentral } from '../../central/server.js';
import {
  startBalancer,
  startCentralProcess,
  type CentralProcess,
} from '../../central/testing/instances.js';
import { centralApi, kioskCredentialHeader, kioskIdHeader } from '../../src/contract/index.js';
import { tempDir } from '../../src/testing/temp-dir.js';
import type { SimulatedKiosk } from './plan.js';

/** The PostgreSQL server the throwaway database is made on (as the tests'). */
export const postgresServerUrl =
  process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** The demo's supplies of one holder (DNI 20.345.678), both with invoices. */
const demoSupplies = ['100234', '100235'];
/** The one whose last invoice the kiosks ask for. */
const supplyNumber = '100234';
const password = 'tortuga-de-rio-bench';

/** The baseline: Fastify with one route answering a small JSON, nothing else. */
export async function startBareRoute() {
  const app = Fastify({ logger: false });
  app.get('/bare', () => ({ status: 'ok', version: '0.0.0' }));
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, path: '/bare', close: () => app.close() };
}

export type LoadedCentral = {
  url: string;
  kiosks: SimulatedKiosk[];
  catalogEtag: string;
  close(): Promise<void>;
};

/**
 * The real central on `engine` with the demo data, requiring enrolled kiosks as a fleet's
 * central does, and `count` kiosks enrolled through the API, each with an activated customer who
 * has the demo's supplies linked and a live session. Accounts and sessions are written directly
 * (one argon2 hash for all), since 200 sign-ins would cost seconds of argon2 before the run.
 */
export async function startLoadedCentral(
  engine: Engine,
  count: number,
  { instances = 1 }: { instances?: number } = {},
): Promise<LoadedCentral> {
  const temp = tempDir('ventanilla-bench-load-');
  const cleanups: (() => Promise<void>)[] = [() => Promise.resolve(temp.remove())];
  /** Every cleanup runs, the last made first, even when one fails. */
  const cleanUp = async () => {
    const failures: unknown[] = [];
    for (const cleanup of cleanups.splice(0).reverse()) {
      await cleanup().catch((error: unknown) => failures.push(error));
    }
    if (failures.length > 0) throw failures[0];
  };
  try {
    const databaseUrl = engine === 'postgres' ? await throwawayDatabase(cleanups) : undefined;
    const central =
      instances > 1 && databaseUrl
        ? await startInstances(databaseUrl, instances)
        : await startCentral({
            dataDir: temp.dir,
            ...(databaseUrl && { databaseUrl }),
            port: 0,
            seedDemo: true,
            fleet: { requireEnrolledKiosks: true },
          });
    cleanups.push(() => central.close());
    const direct = createDatabase(databaseUrl ? { databaseUrl } : { dataDir: temp.dir });
    let prepared: Omit<SimulatedKiosk, 'credential'>[];
    let codes: string[];
    try {
      // One transaction: on SQLite each commit is an fsync.
      ({ prepared, codes } = await direct.db.transaction().execute(async (trx) => {
        const context = { db: trx, now: () => new Date(), config: fleetConfig() };
        const issued: string[] = [];
        for (let i = 0; i < count; i++) {
          issued.push((await issueEnrolmentCode(context, 'Sucursal Centro', null)).code);
        }
        return { prepared: await customersAndSessions(trx, count), codes: issued };
      }));
    } finally {
      await direct.destroy();
    }
    const kiosks = await inBatches(prepared, 20, async (kiosk, index) => {
      const response = await fetch(new URL(centralApi.enrolKiosk.path, central.url), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ code: codes[index], kioskId: kiosk.kioskId }),
      });
      if (response.status !== 201) {
        throw new Error(`enrolment: ${response.status} ${await response.text()}`);
      }
      const { credential } = (await response.json()) as { credential: string };
      return { ...kiosk, credential };
    });
    const first = kiosks[0]!;
    const catalog = await fetch(new URL(centralApi.catalog.path, central.url), {
      headers: { [kioskIdHeader]: first.kioskId, [kioskCredentialHeader]: first.credential },
    });
    const catalogEtag = catalog.headers.get('etag');
    await catalog.arrayBuffer();
    if (!catalog.ok || !catalogEtag) throw new Error(`catalogue: ${catalog.status}`);
    return { url: central.url, kiosks, catalogEtag, close: cleanUp };
  } catch (error) {
    await cleanUp();
    throw error;
  }
}

/**
 * `count` central processes (`npm run central`) on the database, behind haproxy: the first loads
 * the demo data, then the others start.
 */
async function startInstances(
  databaseUrl: string,
  count: number,
): Promise<{ url: string; close(): Promise<void> }> {
  const env = { DEMO_DATA: '1', REQUIRE_ENROLLED_KIOSKS: '1' };
  const centrals: CentralProcess[] = [];
  const stopAll = async () => {
    for (const central of centrals) await central.kill('SIGTERM');
  };
  try {
    for (let index = 0; index < count; index++) {
      centrals.push(await startCentralProcess({ databaseUrl, env }));
    }
    const balancer = await startBalancer(centrals.map((central) => central.url));
    return {
      url: balancer.url,
      async close() {
        await balancer.close();
        await stopAll();
      },
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** `ventanilla_bench_<random>` on the server, dropped by the cleanups. */
async function throwawayDatabase(cleanups: (() => Promise<void>)[]): Promise<string> {
  const name = `ventanilla_bench_${randomBytes(6).toString('hex')}`;
  await onServer((admin) => sql`create database ${sql.id(name)}`.execute(admin));
  cleanups.push(() =>
    onServer((admin) => sql`drop database if exists ${sql.id(name)} with (force)`.execute(admin)),
  );
  const url = new URL(postgresServerUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function onServer(work: (admin: CentralDb) => Promise<unknown>): Promise<void> {
  const admin = createDatabase({ databaseUrl: postgresServerUrl });
  try {
    await work(admin.db);
  } finally {
    await admin.destroy();
  }
}

/** Activated accounts with the demo supplies linked and a session each, one per kiosk. */
async function customersAndSessions(db: CentralDb, count: number) {
  const hash = await argon2Hasher().hash(password);
  const now = new Date();
  const run = randomBytes(3).toString('hex');
  const kiosks = Array.from({ length: count }, (_, i) => ({
    accountId: randomUUID(),
    kioskId: `bench-${run}-${String(i).padStart(3, '0')}`,
    email: `kiosco.${i}.${run}@example.com`,
  }));
  await db
    .insertInto('accounts')
    .values(
      kiosks.map(({ accountId, email }, i) => ({
        id: accountId,
        email,
        password_hash: hash,
        first_name: 'Ana María',
        last_name: 'Pérez',
        document_type: 'DNI',
        document_number: String(30_000_000 + i),
        birth_date: '1980-05-25',
        phone: '3447123456',
        activated_at: now.toISOString(),
        created_at: now.toISOString(),
      })),
    )
    .execute();
  await db
    .insertInto('account_supplies')
    .values(
      kiosks.flatMap(({ accountId }) =>
        demoSupplies.map((supply) => ({
          account_id: accountId,
          supply_number: supply,
          linked_at: now.toISOString(),
        })),
      ),
    )
    .execute();
  const prepared: Omit<SimulatedKiosk, 'credential'>[] = [];
  for (const { accountId, kioskId, email } of kiosks) {
    // The key sign-in gives a session: the address and the kiosk id, as `kioskOf` makes it.
    const session = await startSession(
      db,
      accountId,
      `127.0.0.1 ${kioskId}`,
      defaultAccountsConfig.sessionLifetimeMs,
      now,
    );
    prepared.push({ kioskId, email, password, sessionToken: session.token, supplyNumber });
  }
  return prepared;
}

/** `work` over `items`, `size` at a time, results in order. */
async function inBatches<T, R>(
  items: T[],
  size: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += size) {
    const batch = items.slice(start, start + size);
    results.push(...(await Promise.all(batch.map((item, i) => work(item, start + i)))));
  }
  return results;
}

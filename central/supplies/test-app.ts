import { randomUUID } from 'node:crypto';
import { afterAll } from 'vitest';
import { buildCentral } from '../app.js';
import { loadCatalogResources } from '../catalog/resources.js';
import { seedCatalogIfEmpty } from '../catalog/store.js';
import { testAccounts } from '../testing/accounts.js';
import type { TestEngine } from '../testing/engines.js';
import type { SuppliesConfigOverride } from './config.js';
import { importMasterData } from './import.js';
import { masterDataFiles, migratedDatabase } from './test-fixtures.js';

export const paymentsSecret = 'secreto-compartido-con-el-sitio-de-pagos';
const password = 'mate amargo en la plaza';

type Call = {
  body?: Record<string, unknown>;
  headers?: Record<string, string>;
  /** The client's address: the central counts sources by it, not by `x-kiosk-id`. */
  from?: string;
};

/**
 * A central app on a fresh database of the engine, with the catalogue and the fixture's master
 * data imported, and the accounts' movable clock. Customers sign in through the real sign-in
 * route. Closed after the suite.
 */
export async function startSuppliesApp(
  engine: TestEngine,
  options: { config?: SuppliesConfigOverride; paymentsHandoffSecret?: string | undefined } = {},
) {
  const db = await migratedDatabase(engine);
  await seedCatalogIfEmpty(db, loadCatalogResources);
  const imported = await importMasterData(db, masterDataFiles());
  if (!imported.ok) throw new Error(JSON.stringify(imported.problems));
  // Sessions outlive the clock's jumps to invoices' due dates.
  const accounts = testAccounts({ config: { sessionLifetimeMs: 365 * 24 * 3_600_000 } });
  const app = buildCentral({
    db,
    engine: engine.name,
    version: '0.0.0-test',
    accounts,
    supplies: {
      config: options.config,
      paymentsHandoffSecret:
        'paymentsHandoffSecret' in options ? options.paymentsHandoffSecret : paymentsSecret,
    },
  });
  await app.ready();
  afterAll(() => app.close());

  async function call(
    method: 'GET' | 'POST',
    url: string,
    { body, headers = {}, from }: Call = {},
  ) {
    const response = await app.inject({
      method,
      url,
      headers: { 'x-kiosk-id': 'kiosco-1', ...headers },
      ...(body && { payload: body }),
      ...(from && { remoteAddress: from }),
    });
    return {
      status: response.statusCode,
      body: response.json<Record<string, unknown>>(),
      headers: response.headers,
    };
  }

  /** An activated account, signed in at a kiosk: the headers its calls carry. */
  async function signIn(kiosk = 'kiosco-1', from?: string): Promise<Record<string, string>> {
    const email = `cliente.${randomUUID()}@example.com`;
    await db
      .insertInto('accounts')
      .values({
        id: randomUUID(),
        email,
        password_hash: await accounts.hasher.hash(password),
        first_name: 'Ana María',
        last_name: 'Pérez',
        document_type: 'DNI',
        document_number: String(20_000_000 + Math.floor(Math.random() * 70_000_000)),
        birth_date: '1980-05-25',
        phone: '3447123456',
        activated_at: accounts.clock.now().toISOString(),
        created_at: accounts.clock.now().toISOString(),
      })
      .execute();
    const session = await call('POST', '/api/v1/sessions', {
      body: { email, password },
      headers: { 'x-kiosk-id': kiosk },
      ...(from && { from }),
    });
    if (session.status !== 201) throw new Error(`sign-in: ${JSON.stringify(session.body)}`);
    return { authorization: `Bearer ${String(session.body.token)}`, 'x-kiosk-id': kiosk };
  }

  return {
    app,
    db,
    clock: accounts.clock,
    signIn,
    get: (url: string, headers?: Record<string, string>) => call('GET', url, { headers }),
    post: (
      url: string,
      body?: Record<string, unknown>,
      headers?: Record<string, string>,
      from?: string,
    ) => call('POST', url, { body: body ?? {}, headers, ...(from && { from }) }),
  };
}

export type SuppliesApp = Awaited<ReturnType<typeof startSuppliesApp>>;

/** The fixture's holder of supplies 100234 and 100235 (and of invoice 0003-00012399). */
export const anaProof = {
  supplyOrInvoiceNumber: '100234',
  documentType: 'DNI',
  documentNumber: '30.123.456',
  birthDate: '1980-05-25',
};

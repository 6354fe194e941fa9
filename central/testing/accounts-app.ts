import { cuitCheckDigit } from '../../src/domain/document.js';
import type { AccountsConfigOverride } from '../accounts/index.js';
import { buildCentral } from '../app.js';
import { loadCatalogResources } from '../catalog/resources.js';
import { seedCatalogIfEmpty } from '../catalog/store.js';
import { migrateToLatest } from '../db/index.js';
import { createTestAccounts } from './accounts.js';
import type { TestEngine } from './engines.js';
import { codeIn, startSmtpMailbox, type ReceivedMail } from './smtp-mailbox.js';

type Json = Record<string, unknown>;

/**
 * A central app on a fresh database of the engine, with the catalogue, a real SMTP server
 * receiving its mails and a movable clock; requests go through Fastify's inject. Start it in
 * `beforeAll` and `close` it in `afterAll`.
 */
export async function startAccountsApp(engine: TestEngine, config?: AccountsConfigOverride) {
  const { db } = await engine.openDatabase();
  await migrateToLatest(db);
  await seedCatalogIfEmpty(db, loadCatalogResources);
  const mailbox = await startSmtpMailbox();
  const accounts = createTestAccounts({ smtpUrl: mailbox.url, config });
  const app = buildCentral({ db, engine: engine.name, version: '0.0.0-test', accounts });
  await app.ready();

  /** `from` is the client's address (the central counts sources by it, not by `x-kiosk-id`). */
  async function call(
    method: 'GET' | 'POST' | 'DELETE',
    url: string,
    body?: Json,
    headers = {},
    from?: string,
  ) {
    const response = await app.inject({
      method,
      url,
      headers: { 'x-kiosk-id': 'kiosco-1', ...headers },
      ...(body && { payload: body }),
      ...(from && { remoteAddress: from }),
    });
    const json = String(response.headers['content-type']).startsWith('application/json');
    return {
      status: response.statusCode,
      body: json ? response.json<Json>() : {},
      headers: response.headers,
      text: response.body,
    };
  }

  return {
    async close() {
      await app.close();
      await accounts.cleanup();
      await mailbox.close();
    },
    app,
    db,
    mailbox,
    accounts,
    clock: accounts.clock,
    calls: accounts.calls,
    post: (url: string, body: Json, headers?: Record<string, string>, from?: string) =>
      call('POST', url, body, headers, from),
    get: (url: string, headers?: Record<string, string>) => call('GET', url, undefined, headers),
    delete: (url: string, headers?: Record<string, string>) =>
      call('DELETE', url, undefined, headers),
    /** Every mail sent so far to `email`, once the background sends are done. */
    async mailsTo(email: string): Promise<ReceivedMail[]> {
      await accounts.mailer.idle();
      return mailbox.to(email);
    },
    /** The latest mail to `email`. */
    async lastMailTo(email: string): Promise<ReceivedMail> {
      const mails = await this.mailsTo(email);
      const mail = mails.at(-1);
      if (!mail) throw new Error(`No mail to ${email}`);
      return mail;
    },
  };
}

export type AccountsApp = Awaited<ReturnType<typeof startAccountsApp>>;

let serial = 0;

/** A valid registration with its own email and DNI. */
export function newRegistration(overrides: Json = {}) {
  serial++;
  return {
    email: `cliente${serial}.${Math.random().toString(36).slice(2, 8)}@example.com`,
    password: 'mate amargo en la plaza',
    firstName: 'Ana María',
    lastName: 'Núñez',
    documentType: 'DNI',
    documentNumber: String(20_000_000 + Math.floor(Math.random() * 70_000_000)),
    birthDate: '1980-05-25',
    phone: '351 456-7890',
    ...overrides,
  };
}

/** A CUIT with a right check digit (prefix 20, the given 8 digits). */
export function validCuit(eight: string): string {
  for (const prefix of ['20', '23', '24', '27']) {
    const check = cuitCheckDigit(`${prefix}${eight}`);
    if (check !== null) return `${prefix}${eight}${check}`;
  }
  throw new Error('no CUIT');
}

/** Registers, reads the code from the mail and activates: an account ready to sign in. */
export async function activeAccount(h: AccountsApp, overrides: Json = {}) {
  const registration = newRegistration(overrides);
  const registered = await h.post('/api/v1/accounts', registration);
  if (registered.status !== 202) throw new Error(`register: ${JSON.stringify(registered.body)}`);
  const code = codeIn(await h.lastMailTo(registration.email));
  const activated = await h.post('/api/v1/accounts/activation', {
    email: registration.email,
    code,
  });
  if (activated.status !== 200) throw new Error(`activate: ${JSON.stringify(activated.body)}`);
  return registration;
}

const addresses = new Map<string, string>();

/** A client address of its own for each name a test gives a source (a kiosk, a branch). */
export function addressOf(source: string): string {
  let address = addresses.get(source);
  if (!address) {
    address = `10.0.${Math.floor(addresses.size / 250)}.${(addresses.size % 250) + 1}`;
    addresses.set(source, address);
  }
  return address;
}

export function bearer(token: unknown): Record<string, string> {
  return { authorization: `Bearer ${String(token)}` };
}

import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import type { StaffRole } from '../../src/contract/index.js';
import { argon2Hasher } from '../accounts/index.js';
import { createDatabase } from '../db/index.js';
import { startCentral, type StartCentralOptions } from '../server.js';
import { addStaffMember } from '../staff/members.js';
import { setStaffPin } from '../staff/pin.js';
import { insertAccount } from '../supplies/test-fixtures.js';
import { TestClock } from './accounts.js';
import type { TestEngine } from './engines.js';
import { startSmtpMailbox } from './smtp-mailbox.js';

type Json = Record<string, unknown>;

export type LiveReply = { status: number; body: Json; headers: Headers; text: string };

export const liveStaffPassword = 'una clave larga del personal';
export const liveStaffPin = '482915';

/**
 * The real central listening on 127.0.0.1, port 0, on a fresh database of the engine, called
 * over HTTP; its mails go to a real SMTP server (`mailbox`), its clock is a `TestClock`
 * (`clock.advance`); beside it the same database opened as IT would from the command line (staff
 * members with roles and PINs, customers). Start it in `beforeAll` and `close` it in `afterAll`.
 */
export async function startLiveCentral(
  engine: TestEngine,
  options: Partial<Omit<StartCentralOptions, 'dataDir' | 'databaseUrl' | 'now'>> = {},
) {
  const location = await engine.newLocation();
  const clock = new TestClock(new Date().toISOString());
  const mailbox = await startSmtpMailbox();
  const central = await startCentral({
    ...location,
    port: 0,
    now: clock.now,
    smtpUrl: mailbox.url,
    ...options,
    // Test files register many accounts from one address; the limit's own test sets it.
    accounts: {
      ...options?.accounts,
      throttle: { registrationsPerHour: 10_000, ...options?.accounts?.throttle },
    },
  });
  const admin = createDatabase(
    location.databaseUrl ? { databaseUrl: location.databaseUrl } : { dataDir: location.dataDir },
  );
  const hasher = argon2Hasher();

  /**
   * One HTTP call. `from` is the loopback address the call leaves from (127.0.0.2, 127.0.0.3…):
   * to the central, another client address.
   */
  function call(
    method: string,
    path: string,
    {
      headers = {},
      body,
      from,
    }: { headers?: Record<string, string>; body?: Json | string; from?: string } = {},
  ): Promise<LiveReply> {
    const payload =
      body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    const json: Record<string, string> =
      body === undefined || typeof body === 'string' ? {} : { 'content-type': 'application/json' };
    const url = new URL(path, central.url);
    return new Promise((resolve, reject) => {
      const outgoing = request(
        url,
        {
          method,
          headers: { ...json, ...headers },
          ...(from && { localAddress: from }),
        },
        (incoming) => {
          const chunks: Buffer[] = [];
          incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
          incoming.on('error', reject);
          incoming.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            const replyHeaders = new Headers();
            for (const [name, value] of Object.entries(incoming.headers)) {
              for (const each of [value ?? []].flat()) replyHeaders.append(name, each);
            }
            const isJson = (incoming.headers['content-type'] ?? '').startsWith('application/json');
            resolve({
              status: incoming.statusCode ?? 0,
              body: isJson && text ? (JSON.parse(text) as Json) : {},
              headers: replyHeaders,
              text,
            });
          });
        },
      );
      outgoing.on('error', reject);
      outgoing.end(payload);
    });
  }

  /** A staff member with these roles (and the test PIN), added as the command line does. */
  async function addStaff(roles: readonly StaffRole[], name = 'Laura Díaz') {
    const email = `${roles.join('-') || 'nadie'}.${randomUUID().slice(0, 8)}@copelco.example`;
    await addStaffMember(
      admin.db,
      hasher,
      { email, name, password: liveStaffPassword, roles },
      new Date(),
    );
    await setStaffPin(admin.db, hasher, email, liveStaffPin);
    return { email, password: liveStaffPassword, pin: liveStaffPin };
  }

  /** Signs a member in to the staff API; answers the bearer headers. */
  async function staffHeaders(email: string, headers: Record<string, string> = {}) {
    const signedIn = await call('POST', '/api/v1/staff/sessions', {
      headers,
      body: { email, password: liveStaffPassword },
    });
    if (signedIn.status !== 201) throw new Error(`staff sign-in: ${signedIn.text}`);
    return { authorization: `Bearer ${String(signedIn.body.token)}` };
  }

  /** A kiosk enrolled with a code a `sistemas` member made: its id and credential headers. */
  async function enrolKiosk(itHeaders: Record<string, string>, branch = 'Sucursal Centro') {
    const issued = await call('POST', '/api/v1/staff/kiosk-enrolment-codes', {
      headers: itHeaders,
      body: { branch },
    });
    const kioskId = randomUUID();
    const enrolled = await call('POST', '/api/v1/kiosks/enrolments', {
      body: { code: String(issued.body.code), kioskId },
    });
    if (enrolled.status !== 201) throw new Error(`enrolment: ${enrolled.text}`);
    return { kioskId, headers: { 'x-kiosk-credential': String(enrolled.body.credential) } };
  }

  /** An activated customer account with that password, added straight to the database. */
  async function addCustomer(password = 'una clave larga del cliente') {
    const id = randomUUID();
    await insertAccount(admin.db, id, String(20_000_000 + Math.floor(Math.random() * 70_000_000)));
    await admin.db
      .updateTable('accounts')
      .set({ password_hash: await hasher.hash(password) })
      .where('id', '=', id)
      .execute();
    return { id, email: `${id}@example.com`, password };
  }

  return {
    url: central.url,
    location,
    clock,
    mailbox,
    addCustomer,
    enrolKiosk,
    db: admin.db,
    hasher,
    call,
    addStaff,
    staffHeaders,
    mailsSent: () => central.mailsSent(),
    async close() {
      await central.close();
      await admin.destroy();
      await mailbox.close();
    },
  };
}

export type LiveCentral = Awaited<ReturnType<typeof startLiveCentral>>;

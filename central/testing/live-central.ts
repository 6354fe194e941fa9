import { randomUUID } from 'node:crypto';
import type { StaffRole } from '../../src/contract/index.js';
import { argon2Hasher } from '../accounts/index.js';
import { createDatabase } from '../db/index.js';
import { startCentral, type StartCentralOptions } from '../server.js';
import { addStaffMember } from '../staff/members.js';
import { setStaffPin } from '../staff/pin.js';
import type { TestEngine } from './engines.js';

type Json = Record<string, unknown>;

export type LiveReply = { status: number; body: Json; headers: Headers; text: string };

export const liveStaffPassword = 'una clave larga del personal';
export const liveStaffPin = '482915';

/**
 * The real central listening on 127.0.0.1, port 0, on a fresh database of the engine, called
 * over HTTP with fetch; beside it the same database opened as IT would from the command line
 * (staff members with roles and PINs). Start it in `beforeAll` and `close` it in `afterAll`.
 */
export async function startLiveCentral(
  engine: TestEngine,
  options: Partial<Omit<StartCentralOptions, 'dataDir' | 'databaseUrl'>> = {},
) {
  const location = await engine.newLocation();
  const central = await startCentral({ ...location, port: 0, ...options });
  const admin = createDatabase(
    location.databaseUrl ? { databaseUrl: location.databaseUrl } : { dataDir: location.dataDir },
  );
  const hasher = argon2Hasher();

  async function call(
    method: string,
    path: string,
    { headers = {}, body }: { headers?: Record<string, string>; body?: Json | string } = {},
  ): Promise<LiveReply> {
    const json: Record<string, string> =
      body === undefined || typeof body === 'string' ? {} : { 'content-type': 'application/json' };
    const response = await fetch(`${central.url}${path}`, {
      method,
      redirect: 'manual',
      headers: { ...json, ...headers },
      ...(body !== undefined && { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
    const text = await response.text();
    const isJson = (response.headers.get('content-type') ?? '').startsWith('application/json');
    return {
      status: response.status,
      body: isJson && text ? (JSON.parse(text) as Json) : {},
      headers: response.headers,
      text,
    };
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

  return {
    url: central.url,
    location,
    db: admin.db,
    hasher,
    call,
    addStaff,
    staffHeaders,
    mailsSent: () => central.mailsSent(),
    async close() {
      await central.close();
      await admin.destroy();
    },
  };
}

export type LiveCentral = Awaited<ReturnType<typeof startLiveCentral>>;

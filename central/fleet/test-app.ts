import { randomUUID } from 'node:crypto';
import { afterAll } from 'vitest';
import type { Heartbeat, StaffRole } from '../../src/contract/index.js';
import { buildCentral } from '../app.js';
import { loadCatalogResources } from '../catalog/resources.js';
import { seedCatalogIfEmpty } from '../catalog/store.js';
import { addStaffMember } from '../staff/members.js';
import { setStaffBadge, setStaffPin } from '../staff/pin.js';
import { migratedDatabase } from '../supplies/test-fixtures.js';
import { createTestAccounts } from '../testing/accounts.js';
import type { TestEngine } from '../testing/engines.js';
import type { FleetConfigOverride } from './config.js';

type Json = Record<string, unknown>;
type Headers = Record<string, string>;
export type Reply = { status: number; body: Json; headers: Record<string, unknown>; text: string };

export const staffPassword = 'una clave larga de sistemas';
export const staffPin = '482915';

/** A heartbeat as a kiosk in good shape sends it. */
export function sampleHeartbeat(overrides: Partial<Heartbeat> = {}): Heartbeat {
  return {
    version: '1.4.0',
    uptimeSeconds: 3600,
    updateChannel: 'stable',
    online: true,
    lastSyncAt: '2026-03-02T11:59:00.000Z',
    outbox: { waiting: 0, rejected: 0, needsAuth: 0, oldestWaitingAt: null },
    errors: 0,
    printer: { state: 'ok', message: 'Impresora «TM-T20» lista.' },
    camera: { state: 'unknown', message: 'Desconocido' },
    ...overrides,
  };
}

/**
 * A central app for the fleet on a fresh database of the engine, with the catalogue and the
 * accounts' movable clock; requests go through Fastify's inject. Closed after the suite.
 */
export async function startFleetApp(engine: TestEngine, config?: FleetConfigOverride) {
  const db = await migratedDatabase(engine);
  await seedCatalogIfEmpty(db, loadCatalogResources);
  const accounts = createTestAccounts();
  const app = buildCentral({
    db,
    engine: engine.name,
    version: '0.0.0-test',
    accounts,
    ...(config && { fleet: { config } }),
  });
  await app.ready();
  afterAll(async () => {
    await app.close();
    await accounts.cleanup();
  });

  async function call(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    url: string,
    headers: Headers = {},
    payload?: Json,
  ): Promise<Reply> {
    const response = await app.inject({
      method,
      url,
      headers,
      ...(payload !== undefined && { payload }),
    });
    const json = String(response.headers['content-type']).startsWith('application/json');
    return {
      status: response.statusCode,
      body: json ? response.json<Json>() : {},
      headers: response.headers,
      text: response.body,
    };
  }

  /**
   * A staff member added as the CLI does, with a PIN and a badge, signed in with the password;
   * IT who also opens kiosks' panels unless `roles` says otherwise.
   */
  async function staff(
    options: { pin?: string; badge?: string; roles?: readonly StaffRole[] } = {},
  ) {
    const email = `sistemas.${randomUUID()}@copelco.example`;
    const now = accounts.clock.now();
    const roles = options.roles ?? ['sistemas', 'mostrador'];
    await addStaffMember(
      db,
      accounts.hasher,
      { email, name: 'Marta Ríos', password: staffPassword, roles },
      now,
    );
    await setStaffPin(db, accounts.hasher, email, options.pin ?? staffPin);
    if (options.badge) await setStaffBadge(db, email, options.badge);
    const session = await call(
      'POST',
      '/api/v1/staff/sessions',
      {},
      { email, password: staffPassword },
    );
    if (session.status !== 201) throw new Error(`staff sign-in: ${JSON.stringify(session.body)}`);
    return { email, headers: { authorization: `Bearer ${String(session.body.token)}` } };
  }

  async function enrolmentCode(headers: Headers, branch = 'Sucursal Centro') {
    const issued = await call('POST', '/api/v1/staff/kiosk-enrolment-codes', headers, { branch });
    if (issued.status !== 201) throw new Error(`enrolment code: ${JSON.stringify(issued.body)}`);
    return String(issued.body.code);
  }

  /** A kiosk enrolled with a fresh code; its headers carry the credential. */
  async function kiosk(staffHeaders: Headers, branch = 'Sucursal Centro', kioskId = randomUUID()) {
    const code = await enrolmentCode(staffHeaders, branch);
    const enrolled = await call('POST', '/api/v1/kiosks/enrolments', {}, { code, kioskId });
    if (enrolled.status !== 201) throw new Error(`enrolment: ${JSON.stringify(enrolled.body)}`);
    const credential = String(enrolled.body.credential);
    return { kioskId, credential, headers: { 'x-kiosk-credential': credential } };
  }

  /** A staff member signed in with the PIN at `kioskHeaders`' kiosk. */
  async function atKiosk(kioskHeaders: Headers, badgeOrEmail: string, pin = staffPin) {
    const session = await call('POST', '/api/v1/staff/kiosk-sessions', kioskHeaders, {
      badgeOrEmail,
      pin,
    });
    if (session.status !== 201) throw new Error(`kiosk sign-in: ${JSON.stringify(session.body)}`);
    return { ...kioskHeaders, authorization: `Bearer ${String(session.body.token)}` };
  }

  return {
    app,
    db,
    clock: accounts.clock,
    hasher: accounts.hasher,
    call,
    get: (url: string, headers?: Headers) => call('GET', url, headers),
    post: (url: string, body: Json, headers?: Headers) => call('POST', url, headers, body),
    staff,
    enrolmentCode,
    kiosk,
    atKiosk,
    heartbeat: (headers: Headers, overrides?: Partial<Heartbeat>) =>
      call('POST', '/api/v1/kiosks/current/heartbeats', headers, sampleHeartbeat(overrides)),
  };
}

export type FleetApp = Awaited<ReturnType<typeof startFleetApp>>;

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  centralApi,
  staffRoles,
  type CentralRoute,
  type StaffRole,
} from '../../src/contract/index.js';
import { sha256Hex } from '../accounts/secrets.js';
import { describeEachEngine } from '../testing/engines.js';
import { startLiveCentral, type LiveCentral } from '../testing/live-central.js';
import { setStaffRoles } from './members.js';

type Json = Record<string, unknown>;
type Entry = { method: string; path: string; auth?: string; roles?: readonly StaffRole[] };
const staffEntries = (Object.entries(centralApi) as [CentralRoute, Entry][]).filter(
  ([, entry]) => entry.auth === 'staff',
);

/** The entry's path with its parameters filled in (any value: the role is checked first). */
function pathOf(entry: Entry): string {
  return entry.path
    .replace(':requestId', randomUUID())
    .replace(':kioskId', 'kiosco-sin-nombre')
    .replace(':sha256', 'a'.repeat(64));
}

describeEachEngine('staff roles, from each route’s declaration', (engine) => {
  let c: LiveCentral;
  const members = new Map<StaffRole, Record<string, string>>();
  beforeAll(async () => {
    c = await startLiveCentral(engine);
    for (const role of staffRoles) {
      members.set(role, await c.staffHeaders((await c.addStaff([role])).email));
    }
  });
  afterAll(() => c?.close());

  const refusalsOf = async (headers: Record<string, string>) => {
    const token = headers.authorization!.replace('Bearer ', '');
    const session = await c.db
      .selectFrom('staff_sessions')
      .select('staff_id')
      .where('token_hash', '=', sha256Hex(token))
      .executeTakeFirstOrThrow();
    const rows = await c.db
      .selectFrom('staff_audit')
      .select(['detail', 'kiosk_id'])
      .where('staff_id', '=', session.staff_id)
      .where('action', '=', 'forbidden-role')
      .orderBy('at')
      .execute();
    return rows.map((row) => ({
      ...(JSON.parse(row.detail!) as { route: string; required: string[]; held: string[] }),
      kioskId: row.kiosk_id,
    }));
  };

  it('counter staff cannot make enrolment codes, revoke kiosks, switch channels or read requests', async () => {
    const mostrador = members.get('mostrador')!;
    const tries = [
      ['POST', '/api/v1/staff/kiosk-enrolment-codes', { branch: 'Sucursal Centro' }],
      ['POST', '/api/v1/staff/kiosks/kiosco-1/revocation', { reason: 'Porque sí' }],
      ['PUT', '/api/v1/staff/kiosks/kiosco-1/update-channel', { channel: 'beta' }],
      ['GET', '/api/v1/staff/kiosks', undefined],
      ['GET', '/api/v1/staff/requests', undefined],
    ] as const;
    for (const [method, path, body] of tries) {
      const refused = await c.call(method, path, { headers: mostrador, ...(body && { body }) });
      expect(refused.status, `${method} ${path}`).toBe(403);
      expect(refused.body.code).toBe('forbidden_role');
      expect(String(refused.body.message)).toMatch(/^Tu usuario no tiene permiso para esto/);
    }
    const codes = await c.db.selectFrom('kiosk_enrolment_codes').selectAll().execute();
    expect(codes).toEqual([]);
    const refusals = await refusalsOf(mostrador);
    expect(refusals.map((refusal) => refusal.route)).toEqual([
      'createEnrolmentCode',
      'revokeKiosk',
      'setKioskUpdateChannel',
      'listKiosks',
      'staffListRequests',
    ]);
    expect(refusals[0]).toMatchObject({ required: ['sistemas'], held: ['mostrador'] });
  });

  it('lets each role through exactly the routes that declare it, and names the role missing', async () => {
    for (const role of staffRoles) {
      for (const [name, entry] of staffEntries) {
        const headers = members.get(role)!;
        const allowed = entry.roles!.includes(role);
        const body = entry.method === 'POST' || entry.method === 'PUT' ? {} : undefined;
        const answer = await c.call(entry.method, pathOf(entry), {
          headers,
          ...(body && { body }),
        });
        const forbidden = answer.status === 403 && answer.body.code === 'forbidden_role';
        expect(forbidden, `${role} → ${name} (${answer.status} ${answer.text})`).toBe(!allowed);
        if (!allowed && entry.roles!.length === 1 && entry.roles![0] === 'sistemas') {
          expect(answer.body.message).toContain('«Sistemas»');
        }
        // Signing out ends the session: sign in again for the next route.
        if (name === 'staffSignOut') {
          members.set(role, await c.staffHeaders(await emailOf(headers)));
        }
      }
    }
    // The IT member makes a code, the reviewer reads the queue.
    const issued = await c.call('POST', '/api/v1/staff/kiosk-enrolment-codes', {
      headers: members.get('sistemas')!,
      body: { branch: 'Sucursal Centro' },
    });
    expect(issued.status).toBe(201);
    const queue = await c.call('GET', '/api/v1/staff/requests', {
      headers: members.get('revisor')!,
    });
    expect(queue.status).toBe(200);
  });

  async function emailOf(headers: Record<string, string>): Promise<string> {
    const row = await c.db
      .selectFrom('staff_sessions')
      .innerJoin('staff_members', 'staff_members.id', 'staff_sessions.staff_id')
      .select('staff_members.email')
      .where('token_hash', '=', sha256Hex(headers.authorization!.replace('Bearer ', '')))
      .executeTakeFirstOrThrow();
    return row.email;
  }

  it('opens the kiosk’s panel and assisted mode to counter staff only, and re-reads roles on each call', async () => {
    const it_ = members.get('sistemas')!;
    const { kioskId, headers: kiosk } = await c.enrolKiosk(it_);

    const onlyIt = await c.addStaff(['sistemas']);
    const refused = await c.call('POST', '/api/v1/staff/kiosk-sessions', {
      headers: kiosk,
      body: { badgeOrEmail: onlyIt.email, pin: onlyIt.pin },
    });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('forbidden_role');
    expect(refused.body.message).toContain('«Mostrador»');
    const refusedRow = await c.db
      .selectFrom('staff_audit')
      .innerJoin('staff_members', 'staff_members.id', 'staff_audit.staff_id')
      .select(['staff_audit.kiosk_id', 'staff_audit.detail'])
      .where('staff_members.email', '=', onlyIt.email)
      .where('action', '=', 'forbidden-role')
      .executeTakeFirstOrThrow();
    expect(refusedRow.kiosk_id).toBe(kioskId);
    expect(JSON.parse(refusedRow.detail!)).toMatchObject({ route: 'staffKioskSignIn' });
    const sessions = await c.db
      .selectFrom('staff_sessions')
      .innerJoin('staff_members', 'staff_members.id', 'staff_sessions.staff_id')
      .select('token_hash')
      .where('staff_members.email', '=', onlyIt.email)
      .execute();
    expect(sessions).toEqual([]);

    const counter = await c.addStaff(['mostrador']);
    const granted = await c.call('POST', '/api/v1/staff/kiosk-sessions', {
      headers: kiosk,
      body: { badgeOrEmail: counter.email, pin: counter.pin },
    });
    expect(granted.status).toBe(201);
    expect((granted.body.staff as Json).roles).toEqual(['mostrador']);
    const panel = { ...kiosk, authorization: `Bearer ${String(granted.body.token)}` };
    const entry = {
      action: 'outbox-retry',
      itemReference: 'ABC123-1',
      requestNumber: null,
      lastError: null,
    };
    expect(
      (await c.call('POST', '/api/v1/staff/kiosk-audit', { headers: panel, body: entry })).status,
    ).toBe(201);

    // Administración takes the role away: the open panel session loses it at its next call.
    await setStaffRoles(c.db, counter.email, ['revisor'], new Date());
    const after = await c.call('POST', '/api/v1/staff/kiosk-audit', {
      headers: panel,
      body: entry,
    });
    expect(after.status).toBe(403);
    expect(after.body.code).toBe('forbidden_role');
    const assist = await c.call('POST', '/api/v1/staff/kiosk-assisted-sessions', {
      headers: panel,
      body: {
        documentType: 'DNI',
        documentNumber: '20345678',
        documentSeen: true,
        reason: 'No recuerda la contraseña',
      },
    });
    expect(assist.status).toBe(403);
    expect(
      (await c.call('DELETE', '/api/v1/staff/kiosk-sessions/current', { headers: panel })).status,
    ).toBe(200);
  });

  it('shows the fleet page to Sistemas only, and says why to anyone else', async () => {
    const page = async (role: StaffRole) => {
      const member = await c.addStaff([role], 'Pablo Gómez');
      const signedIn = await c.call('POST', '/flota/ingresar', {
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ email: member.email, password: member.password }).toString(),
      });
      expect(signedIn.status).toBe(303);
      const cookie = signedIn.headers.get('set-cookie')!.split(';')[0]!;
      return c.call('GET', '/flota', { headers: { cookie } });
    };
    const refused = await page('revisor');
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('Tu usuario no tiene permiso para esto');
    expect(refused.text).toContain('Sesión de Pablo Gómez');
    expect(refused.text).not.toContain('<table');
    const shown = await page('sistemas');
    expect(shown.status).toBe(200);
    expect(shown.text).toContain('Flota de kioscos');
  });
});

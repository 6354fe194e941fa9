import { beforeAll, expect, it } from 'vitest';
import { StaffKioskSessionGranted } from '../../src/contract/index.js';
import { staffPin, startFleetApp, type FleetApp } from '../fleet/test-app.js';
import { describeEachEngine } from '../testing/engines.js';

const minute = 60_000;
const signIn = (
  h: FleetApp,
  headers: Record<string, string>,
  badgeOrEmail: string,
  pin = staffPin,
) => h.post('/api/v1/staff/kiosk-sessions', { badgeOrEmail, pin }, headers);

describeEachEngine('staff at a kiosk', (engine) => {
  let h: FleetApp;
  beforeAll(async () => {
    h = await startFleetApp(engine, {
      pinThrottle: { kioskFailures: 6, memberFailures: 3, firstDelayMs: 30_000 },
    });
  });

  it('signs in with email or badge and a PIN (argon2id), only from an enrolled kiosk', async () => {
    const laura = await h.staff({ badge: 'CRED-0042' });
    const kiosk = await h.kiosk(laura.headers);
    const member = await h.db
      .selectFrom('staff_members')
      .select(['pin_hash', 'badge_hash'])
      .where('email', '=', laura.email)
      .executeTakeFirstOrThrow();
    expect(member.pin_hash).toMatch(/^\$argon2id\$/);
    expect(member.badge_hash).not.toContain('0042');

    const byEmail = await signIn(h, kiosk.headers, laura.email.toUpperCase());
    expect(byEmail.status).toBe(201);
    const granted = StaffKioskSessionGranted.parse(byEmail.body);
    expect(granted.idleTimeoutSeconds).toBe(600);
    expect(granted.staff).toEqual({
      email: laura.email,
      name: 'Marta Ríos',
      roles: ['mostrador', 'sistemas'],
    });
    expect((await signIn(h, kiosk.headers, 'cred 0042')).status).toBe(201);

    const wrongPin = await signIn(h, kiosk.headers, laura.email, '000111');
    const unknown = await signIn(h, kiosk.headers, 'CRED-9999');
    expect(wrongPin.status).toBe(401);
    expect(unknown.body).toEqual(wrongPin.body);
    expect(wrongPin.body.code).toBe('staff_pin_invalid');

    const unenrolled = await signIn(h, { 'x-kiosk-id': 'kiosco-1' }, laura.email);
    expect(unenrolled.status).toBe(401);
    expect(unenrolled.body.code).toBe('kiosk_not_enrolled');
  });

  it('throttles PINs per member at a kiosk, and no stranger’s guesses lock a member out', async () => {
    const laura = await h.staff();
    const first = await h.kiosk(laura.headers);
    const second = await h.kiosk(laura.headers);
    for (let attempt = 1; attempt <= 3; attempt++) {
      expect((await signIn(h, first.headers, laura.email, '135799')).status).toBe(401);
    }
    // The member waits at that kiosk, even with the right PIN…
    const blocked = await signIn(h, first.headers, laura.email);
    expect(blocked.status).toBe(429);
    expect(blocked.headers['retry-after']).toBe('30');
    // …but not at another one, where she made no mistake.
    expect((await signIn(h, second.headers, laura.email)).status).toBe(201);
    h.clock.advance(31_000);
    expect((await signIn(h, first.headers, laura.email)).status).toBe(201);

    // Guessing at many names from one kiosk: each name that fails again there waits, but a
    // member with no failure of their own signs in.
    const pablo = await h.staff();
    const third = await h.kiosk(laura.headers);
    for (let attempt = 1; attempt <= 6; attempt++) {
      await signIn(h, third.headers, `nadie${attempt % 2}@copelco.example`, '135799');
    }
    expect((await signIn(h, third.headers, 'nadie1@copelco.example', '135799')).status).toBe(429);
    expect((await signIn(h, third.headers, pablo.email)).status).toBe(201);
    // Under attack, the first wrong PIN of a name at that kiosk makes it wait there.
    expect((await signIn(h, third.headers, pablo.email, '135799')).status).toBe(401);
    expect((await signIn(h, third.headers, pablo.email)).status).toBe(429);
    h.clock.advance(15 * minute);
  });

  it('scopes the PIN session to its kiosk’s panel, ends it idle or on sign-out', async () => {
    const laura = await h.staff();
    const kiosk = await h.kiosk(laura.headers);
    const other = await h.kiosk(laura.headers);
    const session = await h.atKiosk(kiosk.headers, laura.email);
    const retry = {
      action: 'outbox-retry',
      itemReference: 'ABC123-000001',
      requestNumber: null,
      lastError: null,
    };

    const staffApi = await h.get('/api/v1/staff/requests', session);
    expect(staffApi.status).toBe(403);
    expect(staffApi.body.code).toBe('staff_session_kiosk_only');
    const elsewhere = await h.post('/api/v1/staff/kiosk-audit', retry, {
      ...session,
      'x-kiosk-credential': other.credential,
    });
    expect(elsewhere.status).toBe(403);
    const noKiosk = await h.post('/api/v1/staff/kiosk-audit', retry, {
      authorization: session.authorization,
    });
    expect(noKiosk.body.code).toBe('kiosk_not_enrolled');
    // A password session is not a kiosk's either.
    const password = await h.post('/api/v1/staff/kiosk-audit', retry, {
      ...laura.headers,
      ...kiosk.headers,
    });
    expect(password.status).toBe(403);

    // Each call counts as use: 9 minutes, a call, 9 minutes more still works…
    h.clock.advance(9 * minute);
    expect((await h.post('/api/v1/staff/kiosk-audit', retry, session)).status).toBe(201);
    h.clock.advance(9 * minute);
    expect((await h.post('/api/v1/staff/kiosk-audit', retry, session)).status).toBe(201);
    // …10 minutes without one ends it.
    h.clock.advance(10 * minute);
    const idle = await h.post('/api/v1/staff/kiosk-audit', retry, session);
    expect(idle.status).toBe(401);
    expect(idle.body.code).toBe('staff_session_expired');

    const next = await h.atKiosk(kiosk.headers, laura.email);
    expect((await h.call('DELETE', '/api/v1/staff/kiosk-sessions/current', next)).status).toBe(200);
    expect((await h.post('/api/v1/staff/kiosk-audit', retry, next)).status).toBe(401);
  });

  it('audits retries and discards with the member, the kiosk, the item and the reason', async () => {
    const laura = await h.staff();
    const kiosk = await h.kiosk(laura.headers);
    const session = await h.atKiosk(kiosk.headers, laura.email);
    const discard = {
      action: 'outbox-discard',
      itemReference: 'ABC123-000007',
      requestNumber: 'T-2026-000031',
      lastError: 'El suministro no está vinculado a la cuenta.',
    };
    const withoutReason = await h.post('/api/v1/staff/kiosk-audit', discard, session);
    expect(withoutReason.status).toBe(400);
    expect(withoutReason.body.field).toBe('reason');
    const recorded = await h.post(
      '/api/v1/staff/kiosk-audit',
      { ...discard, reason: 'El cliente lo hace de nuevo con el suministro correcto' },
      session,
    );
    expect(recorded.status).toBe(201);
    await h.post(
      '/api/v1/staff/kiosk-audit',
      { ...discard, action: 'outbox-retry', itemReference: 'ABC123-000008' },
      session,
    );

    const log = await h.db
      .selectFrom('staff_audit')
      .innerJoin('staff_members', 'staff_members.id', 'staff_audit.staff_id')
      .select(['action', 'kiosk_id', 'detail'])
      .where('staff_members.email', '=', laura.email)
      .execute();
    const entry = (action: string) => log.find((row) => row.action === action);
    expect(entry('kiosk-sign-in')?.kiosk_id).toBe(kiosk.kioskId);
    expect(entry('outbox-discard')?.kiosk_id).toBe(kiosk.kioskId);
    expect(JSON.parse(entry('outbox-discard')?.detail ?? '{}')).toEqual({
      itemReference: 'ABC123-000007',
      requestNumber: 'T-2026-000031',
      reason: 'El cliente lo hace de nuevo con el suministro correcto',
      lastError: 'El suministro no está vinculado a la cuenta.',
    });
    expect(JSON.parse(entry('outbox-retry')?.detail ?? '{}')).toMatchObject({
      itemReference: 'ABC123-000008',
      reason: null,
    });
  });
});

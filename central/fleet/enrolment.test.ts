import { randomUUID } from 'node:crypto';
import { beforeAll, beforeEach, expect, it } from 'vitest';
import { EnrolmentCodeIssued, KioskEnrolled } from '../../src/contract/index.js';
import { sha256Hex } from '../accounts/secrets.js';
import { describeEachEngine } from '../testing/engines.js';
import { startFleetApp, type FleetApp } from './test-app.js';

const hours = 3_600_000;

describeEachEngine('kiosk enrolment', (engine) => {
  let h: FleetApp;
  let it_: Awaited<ReturnType<FleetApp['staff']>>;
  beforeAll(async () => {
    h = await startFleetApp(engine, { enrolmentFailures: 3 });
  });
  // A fresh shift each time: some tests move the clock past a staff session's 8 hours.
  beforeEach(async () => {
    it_ = await h.staff();
  });

  const enrol = (code: string, kioskId: string = randomUUID()) =>
    h.post('/api/v1/kiosks/enrolments', { code, kioskId });

  it('gives a one-time code valid 24 h, and keeps only hashes of it and of the credential', async () => {
    const issued = EnrolmentCodeIssued.parse(
      (
        await h.post(
          '/api/v1/staff/kiosk-enrolment-codes',
          { branch: 'Sucursal Centro' },
          it_.headers,
        )
      ).body,
    );
    expect(issued.code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(Date.parse(issued.expiresAt) - h.clock.now().getTime()).toBe(24 * hours);

    // Typed on a touch screen: lower case, without dashes.
    const first = await enrol(issued.code.toLowerCase().replace(/-/g, ' '));
    expect(first.status).toBe(201);
    const enrolled = KioskEnrolled.parse(first.body);
    expect(enrolled.branch).toBe('Sucursal Centro');

    const again = await enrol(issued.code);
    expect(again.status).toBe(422);
    // Spent: the same answer as a code that never existed.
    const unknown = await enrol('ZZZZ-ZZZZ-ZZZX');
    expect(again.body).toMatchObject({ code: 'enrolment_code_invalid', field: 'code' });
    expect(again.body).toEqual(unknown.body);

    const codes = await h.db.selectFrom('kiosk_enrolment_codes').selectAll().execute();
    const kiosk = await h.db
      .selectFrom('kiosks')
      .selectAll()
      .where('id', '=', enrolled.kioskId)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(codes)).not.toContain(issued.code.replace(/-/g, ''));
    expect(kiosk.credential_hash).toBe(sha256Hex(enrolled.credential));
    expect(JSON.stringify(kiosk)).not.toContain(enrolled.credential);
    const audit = await h.db
      .selectFrom('staff_audit')
      .select('action')
      .where('action', '=', 'create-enrolment-code')
      .execute();
    expect(audit.length).toBeGreaterThan(0);
  });

  it('refuses a code after 24 hours, and a wrong code; then the address waits', async () => {
    const code = await h.enrolmentCode(it_.headers);
    h.clock.advance(24 * hours);
    const late = await enrol(code);
    expect(late.status).toBe(422);
    expect(late.body.code).toBe('enrolment_code_invalid');

    const wrong = await enrol('ZZZZ-ZZZZ-ZZZZ');
    expect(wrong.body.code).toBe('enrolment_code_invalid');
    const fresh = await h.enrolmentCode((await h.staff()).headers);
    await enrol('ZZZZ-ZZZZ-ZZZY');
    // Three failures in the window (the limit this app uses): even a right code waits.
    const blocked = await enrol(fresh);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    h.clock.advance(16 * 60_000);
    expect((await enrol(fresh)).status).toBe(201);
  });

  it('authenticates every call with the credential, whose kiosk id replaces the one claimed', async () => {
    const kiosk = await h.kiosk(it_.headers);
    const catalog = await h.get('/api/v1/catalog', { ...kiosk.headers, 'x-kiosk-id': 'otro' });
    expect(catalog.status).toBe(200);
    // A failed sign-in is counted under the kiosk the credential names, not the one claimed.
    await h.post(
      '/api/v1/sessions',
      { email: 'nadie@example.com', password: 'una clave cualquiera' },
      { ...kiosk.headers, 'x-kiosk-id': 'kiosco-inventado' },
    );
    const keys = (await h.db.selectFrom('throttle_counters').select('key').execute()).map(
      (row) => row.key,
    );
    expect(keys).toContain(`signin:kiosk:127.0.0.1 ${kiosk.kioskId}`);
    expect(keys.join()).not.toContain('kiosco-inventado');

    // Nobody passes for an enrolled kiosk by its id alone.
    const bare = await h.get('/api/v1/catalog', { 'x-kiosk-id': kiosk.kioskId });
    expect(bare.status).toBe(401);
    expect(bare.body.code).toBe('kiosk_credential_required');
    expect((await h.get('/api/v1/catalog', { 'x-kiosk-id': 'kiosco-sin-inscribir' })).status).toBe(
      200,
    );

    const bad = await h.get('/api/v1/catalog', { 'x-kiosk-credential': 'x'.repeat(43) });
    expect(bad.status).toBe(401);
    expect(bad.body.code).toBe('kiosk_credential_invalid');
  });

  it('refuses a revoked credential with kiosk_revoked; the kiosk may enrol again with a new code', async () => {
    const kiosk = await h.kiosk(it_.headers);
    expect((await h.heartbeat(kiosk.headers)).status).toBe(200);
    // A kiosk that works cannot be taken over with another code.
    const takeover = await enrol(await h.enrolmentCode(it_.headers), kiosk.kioskId);
    expect(takeover.status).toBe(409);
    expect(takeover.body.code).toBe('kiosk_already_enrolled');

    const revoked = await h.post(
      `/api/v1/staff/kiosks/${kiosk.kioskId}/revocation`,
      { reason: 'Equipo robado' },
      it_.headers,
    );
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ kioskId: kiosk.kioskId, state: 'revoked' });
    for (const refused of [
      await h.heartbeat(kiosk.headers),
      await h.get('/api/v1/catalog', kiosk.headers),
      await h.post(
        '/api/v1/staff/kiosk-sessions',
        { badgeOrEmail: it_.email, pin: '482915' },
        kiosk.headers,
      ),
    ]) {
      expect(refused.status).toBe(401);
      expect(refused.body.code).toBe('kiosk_revoked');
      expect(String(refused.body.message)).toContain('revocó');
    }

    const again = await enrol(await h.enrolmentCode(it_.headers), kiosk.kioskId);
    expect(again.status).toBe(201);
    const renewed = { 'x-kiosk-credential': String(again.body.credential) };
    expect((await h.heartbeat(renewed)).status).toBe(200);
    expect((await h.heartbeat(kiosk.headers)).body.code).toBe('kiosk_credential_invalid');
  });

  it('keeps IT’s entries for password sessions, and the heartbeat for enrolled kiosks', async () => {
    const kiosk = await h.kiosk(it_.headers);
    const pinSession = await h.atKiosk(kiosk.headers, it_.email);
    for (const headers of [{}, kiosk.headers, pinSession]) {
      const refused = await h.post(
        '/api/v1/staff/kiosk-enrolment-codes',
        { branch: 'Sucursal Norte' },
        headers,
      );
      expect(refused.status).toBeGreaterThanOrEqual(401);
      expect(refused.status).toBeLessThanOrEqual(403);
    }
    const anonymous = await h.heartbeat({});
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.code).toBe('kiosk_not_enrolled');
    expect((await h.get('/api/v1/staff/kiosks/no-existe/heartbeats', it_.headers)).status).toBe(
      404,
    );
  });
});

describeEachEngine('a central that requires enrolled kiosks', (engine) => {
  let h: FleetApp;
  beforeAll(async () => {
    h = await startFleetApp(engine, { requireEnrolledKiosks: true });
  });

  it('refuses kiosks’ calls without a credential, not the health check, enrolment or staff', async () => {
    const it_ = await h.staff();
    const bare = await h.get('/api/v1/catalog', { 'x-kiosk-id': 'kiosco-1' });
    expect(bare.status).toBe(401);
    expect(bare.body).toMatchObject({ code: 'kiosk_not_enrolled' });
    expect(String(bare.body.message)).toContain('dado de alta');
    const signIn = await h.post('/api/v1/sessions', { email: 'a@b.example', password: 'x' });
    expect(signIn.body.code).toBe('kiosk_not_enrolled');

    expect((await h.get('/healthz')).status).toBe(200);
    expect((await h.get('/api/v1/staff/kiosks', it_.headers)).status).toBe(200);
    const kiosk = await h.kiosk(it_.headers);
    expect((await h.get('/api/v1/catalog', kiosk.headers)).status).toBe(200);
  });
});

import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { revokeKiosk } from '../central/fleet/enrolment.js';
import { describeEachEngine, type TestLocation } from '../central/testing/engines.js';
import { Heartbeat, type Envelope, type KioskHealth } from '../src/contract/index.js';
import { dispatch } from '../src/kiosk/dispatch.js';
import { openKioskStore } from '../src/store/index.js';
import { pdfText } from '../src/testing/pdf-text.js';
import { openCentralAdmin, type CentralAdmin } from './helpers/central-admin.js';
import { startKioskStack, type KioskStack } from './helpers/kiosk-stack.js';

const pin = '482915';

/** Enrolment, heartbeat, the staff panel and revocation, through the kiosk core and a real central. */
describeEachEngine('the fleet through the kiosk core', (engine) => {
  let stack: KioskStack;
  let location: TestLocation;
  let central: CentralAdmin;
  const staffEmail = 'sistemas@copelco.example';
  const call = (method: string, input?: unknown): Promise<Envelope<unknown>> =>
    dispatch(stack.core.handlers, method, input);
  const value = async <T>(method: string, input?: unknown): Promise<T> => {
    const envelope = await call(method, input);
    if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`);
    return envelope.value as T;
  };
  const fleet = () => central.fleet();
  const kioskRow = () =>
    central.db
      .selectFrom('kiosks')
      .selectAll()
      .where('id', '=', stack.core.kioskId)
      .executeTakeFirstOrThrow();
  const auditActions = async () =>
    (
      await central.db
        .selectFrom('staff_audit')
        .select(['action', 'kiosk_id', 'detail'])
        .where('kiosk_id', '=', stack.core.kioskId)
        .execute()
    ).map((row) => ({ ...row, detail: JSON.parse(row.detail ?? '{}') as Record<string, unknown> }));

  beforeAll(async () => {
    location = await engine.newLocation();
    stack = await startKioskStack({
      databaseUrl: location.databaseUrl,
      centralDataDir: location.dataDir,
    });
    central = openCentralAdmin(location);
    await central.addStaff({
      email: staffEmail,
      name: 'Marta Ríos',
      password: 'una clave larga de sistemas',
      roles: ['mostrador', 'sistemas'],
      pin,
    });
  });
  afterAll(async () => {
    await stack?.close();
    await central?.close();
  });

  it('enrols once with IT’s code, keeps the credential in a 0600 file, and reports a heartbeat', async () => {
    expect(await value('fleet:status')).toMatchObject({ state: 'not-enrolled', branch: null });
    const refused = await call('staff:signIn', { badgeOrEmail: staffEmail, pin });
    expect(refused).toMatchObject({ ok: false, error: { code: 'kiosk_not_enrolled' } });

    const code = await central.enrolmentCode();
    const wrong = await call('fleet:enrol', { code: 'AAAA-AAAA-AAAA' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'enrolment_code_invalid' } });
    // A U is outside the code's alphabet: the contract's own sentence, not a generic refusal.
    expect(await call('fleet:enrol', { code: 'UUUU-7K2M-Q9XD' })).toEqual({
      ok: false,
      error: {
        code: 'invalid_field',
        field: 'code',
        message: 'El código de alta tiene 12 letras y números, sin la U.',
      },
    });
    expect(await value('fleet:enrol', { code })).toMatchObject({
      state: 'enrolled',
      kioskId: stack.core.kioskId,
      branch: 'Sucursal Centro',
    });
    const again = await call('fleet:enrol', { code });
    expect(again).toMatchObject({ ok: false, error: { code: 'kiosk_already_enrolled' } });

    const file = path.join(stack.kioskDir, 'kiosk-credential.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const kiosk = await kioskRow();
    const kept = JSON.parse(readFileSync(file, 'utf8')) as { credential: string };
    expect(createHash('sha256').update(kept.credential).digest('hex')).toBe(kiosk.credential_hash);

    // Enrolling sent the first heartbeat; the screens report the camera, the next one says so.
    expect(Heartbeat.parse(JSON.parse(kiosk.last_heartbeat ?? '{}'))).toMatchObject({
      version: '0.0.0-test',
      printer: { state: 'unknown', message: 'Desconocido' },
      outbox: { waiting: 0, rejected: 0 },
    });
    await value('fleet:reportDevice', { device: 'camera', state: 'ok', message: 'Cámara lista.' });
    await stack.core.fleet.heartbeatNow();
    const beat = Heartbeat.parse(JSON.parse((await kioskRow()).last_heartbeat ?? '{}'));
    expect(beat.camera).toEqual({ state: 'ok', message: 'Cámara lista.' });
    // Customers' calls go on with the credential.
    expect((await value<{ online: boolean }>('sync:now')).online).toBe(true);
  });

  it('prints the branch enrolment gave it on the coupon and the requirements list', async () => {
    const pdfTextOf = async (printed: { fileName?: string }) =>
      (
        await pdfText(
          readFileSync(path.join(stack.kioskDir, 'tmp', 'session', printed.fileName ?? '')),
        )
      ).join(' ');
    const shown = await value<{ invoice: { number: string } }>('invoice:lookup', {
      supplyOrInvoiceNumber: '100234',
      documentType: 'DNI',
      documentNumber: '20345678',
      birthDate: '1985-04-12',
    });
    const coupon = await value<{ fileName?: string }>('coupon:print', {
      invoiceNumber: shown.invoice.number,
    });
    expect(await pdfTextOf(coupon)).toMatch(/Impreso el .+ en Sucursal Centro\./);
    const { catalog } = await value<{ catalog: { requestTypes: { id: string }[] } }>('catalog:get');
    const list = await value<{ fileName?: string }>('requirements:print', {
      requestTypeId: catalog.requestTypes[0]?.id,
    });
    expect(await pdfTextOf(list)).toContain('Sucursal Centro');
    await call('session:signOut');
  });

  it('gives staff the panel: health with a rejected item, retry and discard audited, a test page', async () => {
    expect((await call('staff:health')).ok).toBe(false);
    const wrongPin = await call('staff:signIn', { badgeOrEmail: staffEmail, pin: '135799' });
    expect(wrongPin).toMatchObject({ ok: false, error: { code: 'staff_pin_invalid' } });
    const staff = await value<{ name: string; idleUntil: string }>('staff:signIn', {
      badgeOrEmail: staffEmail,
      pin,
    });
    expect(staff.name).toBe('Marta Ríos');
    expect(await value('staff:current')).toMatchObject({ email: staffEmail });

    // An item the central refused, as the worker leaves it.
    const store = openKioskStore(stack.kioskDir);
    const { sequence, reference } = store.outbox.enqueue(
      {
        idempotencyKey: crypto.randomUUID(),
        kind: 'request',
        owner: 'owner-x',
        payload: Buffer.from('sellado'),
        createdAt: new Date().toISOString(),
        attachments: [],
      },
      'PRUEBA',
    );
    store.outbox.settle(
      sequence,
      'rejected',
      '422 supply_not_linked El suministro no está vinculado.',
    );
    const health = await value<KioskHealth>('staff:health');
    // No systemd credential and no keyring here: the device key is a plain file, and staff see it.
    expect(health.deviceKey).toEqual({
      state: 'warning',
      message: expect.stringContaining('Clave del dispositivo sin proteger') as unknown,
    });
    expect(health).toMatchObject({
      version: '0.0.0-test',
      enrolment: { state: 'enrolled', branch: 'Sucursal Centro' },
      online: true,
      outbox: { rejected: 1 },
      camera: { state: 'ok' },
    });
    expect(health.outbox.items).toEqual([
      expect.objectContaining({
        itemId: reference,
        state: 'rejected',
        reason: '422 supply_not_linked El suministro no está vinculado.',
      }),
    ]);

    await value('staff:retryItem', { itemId: reference });
    await stack.core.outbox.idle();
    // The worker took it again (a fake payload: refused again, by the kiosk this time).
    expect(store.outbox.get(sequence)?.attempts).toBe(2);
    const noReason = await call('staff:discardItem', { itemId: reference, reason: ' ' });
    expect(noReason).toMatchObject({ ok: false, error: { field: 'reason' } });
    const after = await value<KioskHealth>('staff:discardItem', {
      itemId: reference,
      reason: 'El cliente lo vuelve a presentar en el mostrador',
    });
    expect(after.outbox.items).toEqual([]);
    expect(store.outbox.get(sequence)).toBeNull();
    store.close();
    const missing = await call('staff:retryItem', { itemId: reference });
    expect(missing).toMatchObject({ ok: false, error: { code: 'outbox_item_not_found' } });

    const log = await auditActions();
    expect(log.map((entry) => entry.action)).toEqual(
      expect.arrayContaining(['kiosk-sign-in', 'outbox-retry', 'outbox-discard']),
    );
    expect(log.find((entry) => entry.action === 'outbox-discard')?.detail).toMatchObject({
      itemReference: reference,
      reason: 'El cliente lo vuelve a presentar en el mostrador',
    });

    const printed = await value<{ outcome: string; fileName: string }>('staff:testPrint');
    expect(printed.outcome).toBe('pdf');
    expect(existsSync(path.join(stack.kioskDir, 'tmp', 'test-print', printed.fileName))).toBe(true);

    expect(await value('staff:signOut')).toEqual({ ended: true });
    expect(await value('staff:current')).toBeNull();
    expect((await call('staff:health')).ok).toBe(false);
    expect((await auditActions()).map((entry) => entry.action)).toContain('kiosk-sign-out');
  });

  it('after IT revokes the kiosk, the central refuses it and the kiosk tells staff', async () => {
    const beforeRevoke = (await kioskRow()).last_seen_at;
    await revokeKiosk(fleet(), stack.core.kioskId, { reason: 'Equipo robado', by: null });

    const sync = await value<{ online: boolean; lastError: string }>('sync:now');
    expect(sync.online).toBe(false);
    expect(sync.lastError).toContain('revocó');
    expect(await value('fleet:status')).toMatchObject({ state: 'revoked' });
    const signIn = await call('staff:signIn', { badgeOrEmail: staffEmail, pin });
    expect(signIn).toMatchObject({ ok: false, error: { code: 'kiosk_revoked' } });
    expect(signIn.ok || signIn.error.message).toContain('Pedile un código nuevo');
    // No more heartbeats from a revoked kiosk.
    await stack.core.fleet.heartbeatNow();
    expect((await kioskRow()).last_seen_at).toBe(beforeRevoke);

    // IT gives it a new code: it enrols again and is welcome.
    const code = await central.enrolmentCode();
    expect(await value('fleet:enrol', { code })).toMatchObject({ state: 'enrolled' });
    expect((await value<{ online: boolean }>('sync:now')).online).toBe(true);
  });
});

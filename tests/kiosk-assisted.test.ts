import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../central/testing/engines.js';
import { startSmtpMailbox, type SmtpMailbox } from '../central/testing/smtp-mailbox.js';
import type { Envelope } from '../src/contract/index.js';
import { dispatch } from '../src/kiosk/dispatch.js';
import { openCentralAdmin, type CentralAdmin } from './helpers/central-admin.js';
import { demoHolder, registerAndActivate } from './helpers/customer.js';
import { startKioskStack, type KioskStack } from './helpers/kiosk-stack.js';

const staffMember = {
  email: 'mostrador@copelco.example',
  name: 'Laura Díaz',
  password: 'una clave larga del mostrador',
  pin: '482915',
  roles: ['mostrador'],
} as const;
const { email: staffEmail, pin } = staffMember;
const walkIn = {
  documentType: 'DNI',
  documentNumber: demoHolder.documentNumber,
  documentSeen: true,
  reason: 'No tiene celular ni recuerda su contraseña',
  pin: staffMember.pin,
};

/** Assisted mode: staff at the counter open a walk-in's session; everything is audited. */
describeEachEngine('assisted mode through the kiosk core', (engine) => {
  let stack: KioskStack;
  let mailbox: SmtpMailbox;
  let admin: CentralAdmin;
  const call = (method: string, input?: unknown): Promise<Envelope<unknown>> =>
    dispatch(stack.core.handlers, method, input);
  const audited = async () =>
    (
      await admin.db
        .selectFrom('staff_audit')
        .innerJoin('staff_members', 'staff_members.id', 'staff_audit.staff_id')
        .select([
          'staff_audit.action',
          'staff_audit.kiosk_id',
          'staff_audit.account_id',
          'staff_audit.detail',
          'staff_members.email',
        ])
        .where('staff_audit.action', 'like', 'assisted-%')
        .orderBy('staff_audit.at')
        .execute()
    ).map((row) => ({ ...row, detail: JSON.parse(row.detail ?? '{}') as Record<string, unknown> }));

  beforeAll(async () => {
    mailbox = await startSmtpMailbox();
    const location = await engine.newLocation();
    stack = await startKioskStack({
      databaseUrl: location.databaseUrl,
      centralDataDir: location.dataDir,
      smtpUrl: mailbox.url,
    });
    admin = openCentralAdmin(location);
    await admin.addStaff(staffMember);
    await registerAndActivate(call, mailbox);
    expect((await call('fleet:enrol', { code: await admin.enrolmentCode() })).ok).toBe(true);
  });
  afterAll(async () => {
    await stack?.close();
    await mailbox?.close();
    await admin?.close();
  });

  it('needs staff signed in at the kiosk, the document seen and a reason', async () => {
    expect(await call('staff:assist', walkIn)).toMatchObject({
      ok: false,
      error: { code: 'staff_session_required' },
    });
    expect(await call('staff:signIn', { badgeOrEmail: staffEmail, pin })).toMatchObject({
      ok: true,
    });
    expect(await call('staff:assist', { ...walkIn, documentSeen: false })).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_field',
        field: 'documentSeen',
        message: 'Confirmá que viste el documento de la persona.',
      },
    });
    // The PIN again: a panel left open does not open an account for a document number alone.
    expect(await call('staff:assist', { ...walkIn, pin: '' })).toMatchObject({
      ok: false,
      error: { code: 'invalid_field', field: 'pin', message: 'Escribí tu PIN (de 6 a 8 números).' },
    });
    expect(await call('staff:assist', { ...walkIn, pin: '135799' })).toMatchObject({
      ok: false,
      error: { code: 'staff_pin_invalid' },
    });
    expect(await call('staff:assist', { ...walkIn, reason: ' ' })).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_field',
        field: 'reason',
        message: 'Escribí el motivo de la atención asistida.',
      },
    });
    const unknown = await call('staff:assist', { ...walkIn, documentNumber: '30111222' });
    expect(unknown).toMatchObject({
      ok: false,
      error: {
        code: 'assisted_account_not_found',
        message: expect.stringContaining('No hay una cuenta activa') as string,
      },
    });
    expect(await call('session:current')).toEqual({ ok: true, value: null });
    // The refused attempt is in the audit log, with what staff typed and why it was refused.
    expect(await audited()).toEqual([
      {
        email: staffEmail,
        kiosk_id: stack.core.kioskId,
        account_id: null,
        action: 'assisted-session-refused',
        detail: {
          reason: walkIn.reason,
          documentType: 'DNI',
          documentNumber: '30111222',
          why: 'no-account',
        },
      },
    ]);
  });

  it('opens the customer’s session, says who assists, and audits every call with staff, kiosk and customer', async () => {
    const opened = await call('staff:assist', walkIn);
    expect(opened).toEqual({
      ok: true,
      value: {
        firstName: demoHolder.firstName,
        lastName: demoHolder.lastName,
        email: demoHolder.email,
        assistedBy: 'Laura Díaz',
      },
    });
    expect(await call('session:current')).toMatchObject({ value: { assistedBy: 'Laura Díaz' } });
    const linked = await call('supplies:link', {
      supplyOrInvoiceNumber: '100234',
      documentType: 'DNI',
      documentNumber: demoHolder.documentNumber,
      birthDate: demoHolder.birthDate,
    });
    expect(linked).toMatchObject({ ok: true, value: { number: '100234' } });
    expect((await call('supplies:list')).ok).toBe(true);
    await call('session:signOut');
    // The sign-out goes through the outbox, right behind "Salir".
    await expect
      .poll(async () => (await audited()).some((entry) => entry.detail.operation === 'signOut'), {
        timeout: 20_000,
      })
      .toBe(true);

    const account = await admin.db
      .selectFrom('accounts')
      .select('id')
      .where('email', '=', demoHolder.email)
      .executeTakeFirstOrThrow();
    const entries = (await audited()).filter(
      (entry) => entry.action !== 'assisted-session-refused',
    );
    const base = { email: staffEmail, kiosk_id: stack.core.kioskId, account_id: account.id };
    expect(entries[0]).toEqual({
      ...base,
      action: 'assisted-session',
      detail: { reason: walkIn.reason, documentSeen: true },
    });
    const calls = entries.filter((entry) => entry.action === 'assisted-action');
    expect(calls.map((entry) => entry.detail.operation)).toEqual([
      'linkSupply',
      'listSupplies',
      'signOut',
    ]);
    // The link says which supply (the call alone does not).
    expect(entries.filter((entry) => entry.action === 'assisted-link-supply')).toEqual([
      {
        ...base,
        action: 'assisted-link-supply',
        detail: { supplyNumber: '100234', newLink: true },
      },
    ]);
    for (const entry of entries.slice(1)) expect(entry).toMatchObject(base);
  });

  it('leaves the customer’s own sessions out of the audit', async () => {
    const before = (await audited()).length;
    await call('session:signIn', { email: demoHolder.email, password: demoHolder.password });
    await call('supplies:list');
    await call('session:signOut');
    await stack.core.outbox.idle();
    expect(await audited()).toHaveLength(before);
  });
});

import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startCentral, type RunningCentral } from '../central/server.js';
import { staffKioskCommand } from '../central/staff/kiosk-command.js';
import { argon2Hasher } from '../central/accounts/password-hashing.js';
import { describeEachEngine } from '../central/testing/engines.js';
import type { Envelope } from '../src/contract/index.js';
import { StaffAuditPage } from '../src/contract/index.js';
import { createKioskCore, type KioskCore } from '../src/kiosk/core.js';
import { dispatch } from '../src/kiosk/dispatch.js';
import { tempDir } from '../src/testing/temp-dir.js';
import { openCentralAdmin, type CentralAdmin } from './helpers/central-admin.js';

const marta = {
  email: 'mostrador@copelco.example',
  name: 'Marta Ríos',
  password: 'una clave larga del mostrador',
  pin: '482915',
  roles: ['mostrador'],
} as const;
const sistemas = {
  email: 'sistemas@copelco.example',
  name: 'Iván Sosa',
  password: 'una clave larga de sistemas',
  pin: '739150',
  roles: ['sistemas', 'mostrador'],
} as const;

/**
 * PIN throttling at the kiosk, walked through the kiosk core and a real central: a stranger at
 * the public "Personal" link typing wrong pairs slows only the names they type; a member's own
 * wrong PINs make that member wait; IT lifts the wait from the command line or the staff API,
 * and finds it all in the audit log.
 */
describeEachEngine('staff PIN throttling at a kiosk', (engine) => {
  const temp = tempDir('ventanilla-pin-throttle-');
  let central: RunningCentral;
  let admin: CentralAdmin;
  let core: KioskCore;
  let location: Awaited<ReturnType<typeof engine.newLocation>>;
  const call = (method: string, input?: unknown): Promise<Envelope<unknown>> =>
    dispatch(core.handlers, method, input);
  const signIn = (badgeOrEmail: string, pin: string) => call('staff:signIn', { badgeOrEmail, pin });

  beforeAll(async () => {
    location = await engine.newLocation();
    central = await startCentral({ ...location, port: 0 });
    admin = openCentralAdmin(location);
    await admin.addStaff(marta);
    await admin.addStaff(sistemas);
    core = createKioskCore({
      dataDir: path.join(temp.dir, 'kiosk'),
      centralUrl: central.url,
      host: 'web',
      version: '0.0.0-test',
      log: () => {},
    });
    expect((await call('fleet:enrol', { code: await admin.enrolmentCode() })).ok).toBe(true);
  });
  afterAll(async () => {
    await core?.stop();
    await central?.close();
    await admin?.close();
    temp.remove();
  });

  it('lets a member in after a stranger typed 12 wrong pairs of any names at the same kiosk', async () => {
    for (let attempt = 1; attempt <= 12; attempt++) {
      const guessed = await signIn(`alguien${attempt % 3}@copelco.example`, '135799');
      expect(guessed.ok).toBe(false);
    }
    // The stranger's names wait there now…
    expect(await signIn('alguien1@copelco.example', '135799')).toMatchObject({
      ok: false,
      error: { code: 'too_many_attempts' },
    });
    // …the member who made no mistake does not.
    expect(await signIn(marta.email, marta.pin)).toMatchObject({
      ok: true,
      value: { name: marta.name },
    });
    await call('staff:signOut');
  });

  it('makes a member wait after their own wrong PINs, until IT lifts it from the command line', async () => {
    // A kiosk is under attack after the stranger above: Marta's first wrong PIN counts at once.
    const wrong = await signIn(marta.email, '135799');
    expect(wrong).toMatchObject({ ok: false, error: { code: 'staff_pin_invalid' } });
    const waiting = await signIn(marta.email, marta.pin);
    expect(waiting).toMatchObject({ ok: false, error: { code: 'too_many_attempts' } });
    expect(!waiting.ok && waiting.error.message).toMatch(/Esperá \d+ minutos? y probá de nuevo/);

    const printed: string[] = [];
    const out = {
      log: (line: string) => printed.push(line),
      error: (line: string) => printed.push(line),
    };
    expect(
      await staffKioskCommand(admin.db, argon2Hasher(), ['unlock', 'NADIE@copelco.example'], {
        pin: undefined,
        prompt: null,
        out,
      }),
    ).toBe(1);
    expect(
      await staffKioskCommand(admin.db, argon2Hasher(), ['unlock', marta.email.toUpperCase()], {
        pin: undefined,
        prompt: null,
        out,
      }),
    ).toBe(0);
    expect(printed.at(-1)).toMatch(
      /^Listo: mostrador@copelco\.example ya puede volver a ingresar con su PIN en todos los kioscos \(le faltaban \d+ s de espera\)\.$/,
    );
    expect(await signIn(marta.email, marta.pin)).toMatchObject({ ok: true });
    await call('staff:signOut');
  });

  it('lets IT lift the wait through the staff API, audited and read back from the audit log', async () => {
    await signIn(marta.email, '135799');
    expect(await signIn(marta.email, marta.pin)).toMatchObject({
      ok: false,
      error: { code: 'too_many_attempts' },
    });
    const token = await admin.staffToken(central.url, sistemas);
    const post = (body: unknown) =>
      fetch(`${central.url}/api/v1/staff/pin-unlocks`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const unknown = await post({ email: 'nadie@copelco.example' });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({
      message: 'No hay nadie del personal con ese correo.',
    });
    const lifted = await post({ email: marta.email });
    expect(lifted.status).toBe(200);
    expect(await lifted.json()).toMatchObject({
      email: marta.email,
      wasLockedSeconds: expect.any(Number) as number,
    });
    expect(await signIn(marta.email, marta.pin)).toMatchObject({ ok: true });
    await call('staff:signOut');

    const log = await fetch(`${central.url}/api/v1/staff/audit?action=pin-unlock`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(log.status).toBe(200);
    const page = StaffAuditPage.parse(await log.json());
    expect(page.total).toBe(1);
    expect(page.entries[0]).toMatchObject({
      action: 'pin-unlock',
      member: { email: sistemas.email, name: sistemas.name },
      detail: { email: marta.email },
    });
    // The kiosk's sign-ins are there too, by its short name.
    const shortName = core.kioskId.replace(/-/g, '').slice(0, 6).toUpperCase();
    const atKiosk = StaffAuditPage.parse(
      await (
        await fetch(
          `${central.url}/api/v1/staff/audit?kiosk=${shortName.toLowerCase()}&member=${marta.email}`,
          {
            headers: { authorization: `Bearer ${token}` },
          },
        )
      ).json(),
    );
    expect(atKiosk.entries.map((entry) => entry.action)).toEqual([
      'kiosk-sign-out',
      'kiosk-sign-in',
      'kiosk-sign-out',
      'kiosk-sign-in',
      'kiosk-sign-out',
      'kiosk-sign-in',
    ]);
    expect(atKiosk.entries.every((entry) => entry.kioskShortName === shortName)).toBe(true);
  });
});

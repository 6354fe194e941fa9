import path from 'node:path';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { startCentral, type RunningCentral } from '../central/server.js';
import { describeEachEngine } from '../central/testing/engines.js';
import type { Envelope } from '../src/contract/index.js';
import { createKioskCore, type KioskCore, type KioskCoreOptions } from '../src/kiosk/core.js';
import { dispatch } from '../src/kiosk/dispatch.js';
import { tempDir } from '../src/testing/temp-dir.js';
import { openCentralAdmin, type CentralAdmin } from './helpers/central-admin.js';

const staff = {
  email: 'mostrador@copelco.example',
  name: 'Marta Ríos',
  password: 'una clave larga del mostrador',
  pin: '482915',
  roles: ['mostrador'],
} as const;

/**
 * "Salir del modo kiosco" and the setup screen's switch, through the kiosk core and a real
 * central: the shell's hook runs only for signed-in staff; without one (the web host) the answer
 * is no; a core told to require enrolment says so in `fleet:status`.
 */
describeEachEngine('staff leaving kiosk mode, and required enrolment', (engine) => {
  const temp = tempDir('ventanilla-staff-mode-');
  let central: RunningCentral;
  let database: CentralAdmin;
  const cores: KioskCore[] = [];

  function kioskCore(name: string, options: Partial<KioskCoreOptions> = {}) {
    const core = createKioskCore({
      dataDir: path.join(temp.dir, name),
      centralUrl: central.url,
      host: 'web',
      version: '0.0.0-test',
      log: () => {},
      ...options,
    });
    cores.push(core);
    const call = (method: string, input?: unknown): Promise<Envelope<unknown>> =>
      dispatch(core.handlers, method, input);
    const enrol = async () => {
      const code = await database.enrolmentCode();
      expect((await call('fleet:enrol', { code })).ok).toBe(true);
    };
    const signIn = async () =>
      expect((await call('staff:signIn', { badgeOrEmail: staff.email, pin: staff.pin })).ok).toBe(
        true,
      );
    return { core, call, enrol, signIn };
  }

  beforeAll(async () => {
    const location = await engine.newLocation();
    central = await startCentral({ ...location, port: 0 });
    database = openCentralAdmin(location);
    await database.addStaff(staff);
  });
  afterAll(async () => {
    for (const core of cores) await core.stop();
    await central?.close();
    await database?.close();
    temp.remove();
  });

  it('runs the shell’s hook only for signed-in staff, and answers what it did', async () => {
    const hook = vi.fn(() => Promise.resolve(true));
    const kiosk = kioskCore('electron', { leaveKioskMode: hook });
    await kiosk.enrol();

    const leave = (pin?: string) => kiosk.call('staff:leaveKioskMode', { pin });
    expect(await leave(staff.pin)).toMatchObject({
      ok: false,
      error: { code: 'staff_session_required' },
    });
    expect(hook).not.toHaveBeenCalled();

    await kiosk.signIn();
    // The panel is open, but leaving kiosk mode asks for the PIN again.
    expect(await leave('12')).toMatchObject({
      ok: false,
      error: { code: 'invalid_field', field: 'pin', message: 'Escribí tu PIN (de 6 a 8 números).' },
    });
    expect(await leave('135799')).toMatchObject({
      ok: false,
      error: { code: 'staff_pin_invalid' },
    });
    expect(hook).not.toHaveBeenCalled();
    // A wrong PIN leaves the panel open.
    expect((await kiosk.call('staff:health')).ok).toBe(true);
    expect(await leave(staff.pin)).toEqual({ ok: true, value: { left: true } });
    expect(hook).toHaveBeenCalledOnce();

    // A window manager that keeps the window full screen: the shell says so, staff see it.
    hook.mockResolvedValueOnce(false);
    expect(await leave(staff.pin)).toEqual({ ok: true, value: { left: false } });

    await kiosk.call('staff:signOut');
    expect((await leave(staff.pin)).ok).toBe(false);
    expect(hook).toHaveBeenCalledTimes(2);
  });

  it('without a hook (the web host) the answer is that the kiosk did not leave', async () => {
    const kiosk = kioskCore('web');
    await kiosk.enrol();
    await kiosk.signIn();
    expect(await kiosk.call('staff:leaveKioskMode', { pin: staff.pin })).toEqual({
      ok: true,
      value: { left: false },
    });
  });

  it('ends the panel 90 s after the last touch, and each touch starts the 90 s again', async () => {
    let clock = Date.now();
    const kiosk = kioskCore('unattended', { now: () => new Date(clock) });
    await kiosk.enrol();
    await kiosk.signIn();
    const opened = (await kiosk.call('staff:current')) as Envelope<{ idleUntil: string }>;
    expect(opened.ok && Date.parse(opened.value.idleUntil) - clock).toBe(90_000);

    clock += 80_000;
    const touched = (await kiosk.call('staff:touch')) as Envelope<{ idleUntil: string }>;
    expect(touched.ok && Date.parse(touched.value.idleUntil) - clock).toBe(90_000);
    clock += 80_000;
    expect((await kiosk.call('staff:health')).ok).toBe(true);
    // Nobody at the panel for 90 s: it is closed, and a touch does not reopen it.
    clock += 90_000;
    expect(await kiosk.call('staff:current')).toEqual({ ok: true, value: null });
    expect(await kiosk.call('staff:touch')).toMatchObject({
      ok: false,
      error: { code: 'staff_session_required' },
    });
    expect((await kiosk.call('staff:leaveKioskMode', { pin: staff.pin })).ok).toBe(false);
  });

  it('says whether enrolment is required, as the core was configured', async () => {
    const demo = kioskCore('demo');
    expect(await demo.call('fleet:status')).toMatchObject({
      value: { state: 'not-enrolled', required: false },
    });
    const branch = kioskCore('branch', { requireEnrolment: true });
    expect(await branch.call('fleet:status')).toMatchObject({
      value: { state: 'not-enrolled', required: true },
    });
    await branch.enrol();
    expect(await branch.call('fleet:status')).toMatchObject({
      value: { state: 'enrolled', required: true },
    });
  });
});

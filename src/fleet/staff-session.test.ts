import { describe, expect, it } from 'vitest';
import { createCentralClient } from '../sync/central-client.js';
import { scriptedCentral } from '../testing/scripted-central.js';
import { createDeviceStates, unknownDevice } from './devices.js';
import { createStaffAtKiosk } from './staff-session.js';

const granted = {
  token: 't'.repeat(43),
  expiresAt: '2026-03-02T20:00:00.000Z',
  idleTimeoutSeconds: 600,
  staff: { email: 'laura@copelco.example', name: 'Laura Díaz', roles: ['mostrador'] },
};

function staffAt(enrolled = true) {
  let ms = Date.parse('2026-03-02T12:00:00.000Z');
  const central = scriptedCentral({
    'POST /api/v1/staff/kiosk-sessions': () => ({ status: 201, body: granted }),
    'DELETE /api/v1/staff/kiosk-sessions/current': () => ({ status: 200, body: { ended: true } }),
    'POST /api/v1/staff/kiosk-audit': () => ({
      status: 401,
      body: { code: 'staff_session_expired', message: 'Tu sesión de personal terminó.' },
    }),
  });
  const client = createCentralClient({ baseUrl: 'http://central.example', fetch: central.fetch });
  const staff = createStaffAtKiosk({
    client,
    enrolment: {
      view: () => ({ state: enrolled ? 'enrolled' : 'not-enrolled' }),
      isEnrolled: () => enrolled,
    } as Parameters<typeof createStaffAtKiosk>[0]['enrolment'],
    now: () => new Date(ms),
    log: () => {},
  });
  return { staff, client, central, advance: (by: number) => (ms += by) };
}

describe('staff at the kiosk', () => {
  it('is refused at a kiosk that is not enrolled, before asking the central', async () => {
    const { staff, central } = staffAt(false);
    await expect(
      staff.signIn({ badgeOrEmail: 'laura@copelco.example', pin: '482915' }),
    ).rejects.toMatchObject({
      code: 'kiosk_not_enrolled',
    });
    expect(central.calls).toHaveLength(0);
  });

  it('ends 90 s after the last staff call or touch (the central allows 10 minutes)', async () => {
    const { staff, advance } = staffAt();
    const signedIn = await staff.signIn({ badgeOrEmail: 'laura@copelco.example', pin: '482915' });
    expect(signedIn).toEqual({
      name: 'Laura Díaz',
      email: 'laura@copelco.example',
      idleUntil: '2026-03-02T12:01:30.000Z',
    });
    advance(80_000);
    staff.require();
    advance(80_000);
    expect(staff.touch().name).toBe('Laura Díaz');
    advance(80_000);
    expect(staff.current()?.name).toBe('Laura Díaz');
    advance(10_000);
    expect(staff.current()).toBeNull();
    expect(() => staff.require()).toThrow(
      expect.objectContaining({ code: 'staff_session_required' }),
    );
  });

  it('ends here too when the central says the session is over', async () => {
    const { staff, client } = staffAt();
    await staff.signIn({ badgeOrEmail: 'laura@copelco.example', pin: '482915' });
    const audit = staff.onCentral((token) =>
      client.call('staffKioskAudit', {
        token,
        body: {
          action: 'outbox-retry',
          itemReference: 'A-1',
          requestNumber: null,
          lastError: null,
        },
      }),
    );
    await expect(audit).rejects.toMatchObject({ code: 'staff_session_expired' });
    expect(staff.current()).toBeNull();
  });

  it('signs out on the central and forgets the token', async () => {
    const { staff, central } = staffAt();
    await staff.signIn({ badgeOrEmail: 'laura@copelco.example', pin: '482915' });
    await staff.signOut();
    expect(staff.current()).toBeNull();
    const out = central.calls.find((call) => call.method === 'DELETE');
    expect(out?.headers.authorization).toBe(`Bearer ${granted.token}`);
  });
});

describe('device states', () => {
  it('are unknown until the shell or the screens say otherwise; the shell wins', async () => {
    const bare = createDeviceStates();
    expect(await bare.camera()).toEqual(unknownDevice);
    expect(unknownDevice.message).toBe('Desconocido');
    bare.report({ device: 'camera', state: 'error', message: 'No hay cámara.' });
    expect(await bare.camera()).toEqual({ state: 'error', message: 'No hay cámara.' });
    expect(bare.updateChannel()).toBeNull();

    const shell = createDeviceStates({
      printer: () => Promise.resolve({ state: 'ok', message: 'Impresora lista.' }),
      camera: () => Promise.reject(new Error('sin permiso')),
      updateChannel: () => 'beta',
    });
    shell.report({ device: 'printer', state: 'error', message: 'Dicho por la pantalla.' });
    expect(await shell.printer()).toEqual({ state: 'ok', message: 'Impresora lista.' });
    expect((await shell.camera()).state).toBe('unknown');
    expect(shell.updateChannel()).toBe('beta');
  });
});

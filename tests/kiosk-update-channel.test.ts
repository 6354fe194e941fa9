import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../central/testing/engines.js';
import type { UpdateChannelName } from '../src/contract/index.js';
import { dispatch } from '../src/kiosk/dispatch.js';
import { openCentralAdmin, type CentralAdmin } from './helpers/central-admin.js';
import { startKioskStack, type KioskStack } from './helpers/kiosk-stack.js';

const it_ = {
  email: 'sistemas@copelco.example',
  name: 'Marta Ríos',
  password: 'una clave larga de sistemas',
  roles: ['sistemas'],
} as const;

/** IT sets a kiosk's update channel on the central; the kiosk's heartbeat brings it to the shell. */
describeEachEngine('the update channel, from the central to the shell', (engine) => {
  let stack: KioskStack;
  let admin: CentralAdmin;
  const told: UpdateChannelName[] = [];

  beforeAll(async () => {
    const location = await engine.newLocation();
    stack = await startKioskStack({
      databaseUrl: location.databaseUrl,
      centralDataDir: location.dataDir,
      onUpdateChannel: (channel) => told.push(channel),
    });
    admin = openCentralAdmin(location);
    const code = await admin.enrolmentCode();
    expect((await dispatch(stack.core.handlers, 'fleet:enrol', { code })).ok).toBe(true);
  });
  afterAll(async () => {
    await stack?.close();
    await admin?.close();
  });

  it('is stable at first, and beta once IT says so through the staff API', async () => {
    await stack.core.fleet.heartbeatNow();
    expect(told.at(-1)).toBe('stable');

    await admin.addStaff(it_);
    const token = await admin.staffToken(stack.centralUrl, it_);
    const set = await fetch(
      `${stack.centralUrl}/api/v1/staff/kiosks/${stack.core.kioskId}/update-channel`,
      {
        method: 'PUT',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ channel: 'beta' }),
      },
    );
    expect(set.status).toBe(200);
    await stack.core.fleet.heartbeatNow();
    expect(told.at(-1)).toBe('beta');
  });
});

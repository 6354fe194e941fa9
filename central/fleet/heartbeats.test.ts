import { beforeAll, expect, it } from 'vitest';
import { FleetList, HeartbeatHistory } from '../../src/contract/index.js';
import { describeEachEngine } from '../testing/engines.js';
import { sampleHeartbeat, startFleetApp, type FleetApp } from './test-app.js';

const minute = 60_000;

describeEachEngine('kiosk heartbeats', (engine) => {
  let h: FleetApp;
  beforeAll(async () => {
    h = await startFleetApp(engine, { heartbeatHistory: 3 });
  });

  const fleet = async (headers: Record<string, string>) =>
    FleetList.parse((await h.get('/api/v1/staff/kiosks', headers)).body);

  it('keeps the latest heartbeat per kiosk and a short history, newest first', async () => {
    const it_ = await h.staff();
    const kiosk = await h.kiosk(it_.headers, 'Sucursal Norte');
    for (let beat = 1; beat <= 5; beat++) {
      const sent = await h.heartbeat(kiosk.headers, {
        uptimeSeconds: beat * 60,
        outbox: { waiting: beat, rejected: 1, needsAuth: 0, oldestWaitingAt: null },
      });
      expect(sent.status).toBe(200);
      expect(sent.body.receivedAt).toBe(h.clock.now().toISOString());
      h.clock.advance(minute);
    }
    const listed = (await fleet(it_.headers)).kiosks.find((k) => k.kioskId === kiosk.kioskId);
    expect(listed).toMatchObject({
      branch: 'Sucursal Norte',
      state: 'online',
      heartbeat: { uptimeSeconds: 300, outbox: { waiting: 5, rejected: 1 } },
    });
    const history = HeartbeatHistory.parse(
      (await h.get(`/api/v1/staff/kiosks/${kiosk.kioskId}/heartbeats`, it_.headers)).body,
    );
    expect(history.heartbeats.map((entry) => entry.heartbeat.uptimeSeconds)).toEqual([
      300, 240, 180,
    ]);
  });

  it('calls a kiosk silent after 3 minutes without a heartbeat (or without any), and says revoked', async () => {
    const it_ = await h.staff();
    const talking = await h.kiosk(it_.headers, 'Sucursal Este');
    const quiet = await h.kiosk(it_.headers, 'Sucursal Este');
    const mute = await h.kiosk(it_.headers, 'Sucursal Este');
    const gone = await h.kiosk(it_.headers, 'Sucursal Este');
    await h.heartbeat(talking.headers);
    await h.heartbeat(quiet.headers);
    await h.post(
      `/api/v1/staff/kiosks/${gone.kioskId}/revocation`,
      { reason: 'Baja' },
      it_.headers,
    );

    h.clock.advance(2 * minute);
    await h.heartbeat(talking.headers);
    const early = await fleet(it_.headers);
    const stateOf = (list: FleetList, id: string) =>
      list.kiosks.find((kiosk) => kiosk.kioskId === id)?.state;
    expect(stateOf(early, quiet.kioskId)).toBe('online');
    expect(stateOf(early, mute.kioskId)).toBe('online');

    h.clock.advance(90_000);
    const later = await fleet(it_.headers);
    expect(later.silentAfterSeconds).toBe(180);
    expect(stateOf(later, talking.kioskId)).toBe('online');
    expect(stateOf(later, quiet.kioskId)).toBe('silent');
    expect(stateOf(later, mute.kioskId)).toBe('silent');
    expect(stateOf(later, gone.kioskId)).toBe('revoked');
    expect(later.kiosks.find((kiosk) => kiosk.kioskId === mute.kioskId)?.lastSeenAt).toBeNull();

    // Coming back is enough to be online again.
    await h.heartbeat(quiet.headers);
    expect(stateOf(await fleet(it_.headers), quiet.kioskId)).toBe('online');
  });

  it('refuses a heartbeat that does not follow the contract', async () => {
    const it_ = await h.staff();
    const kiosk = await h.kiosk(it_.headers);
    const bad = await h.call('POST', '/api/v1/kiosks/current/heartbeats', kiosk.headers, {
      ...sampleHeartbeat(),
      printer: { state: 'roto', message: '' },
    });
    expect(bad.status).toBe(400);
  });
});

describeEachEngine('update channels set by IT', (engine) => {
  let h: FleetApp;
  beforeAll(async () => {
    h = await startFleetApp(engine);
  });

  it('answers each heartbeat with the channel IT set, audited; the fleet shows it', async () => {
    const it_ = await h.staff();
    const kiosk = await h.kiosk(it_.headers, 'Sucursal Sur');
    expect((await h.heartbeat(kiosk.headers)).body).toMatchObject({ updateChannel: 'stable' });

    const url = `/api/v1/staff/kiosks/${kiosk.kioskId}/update-channel`;
    const set = await h.call('PUT', url, it_.headers, { channel: 'beta' });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ kioskId: kiosk.kioskId, updateChannel: 'beta' });
    expect((await h.heartbeat(kiosk.headers)).body).toMatchObject({ updateChannel: 'beta' });
    const listed = FleetList.parse((await h.get('/api/v1/staff/kiosks', it_.headers)).body);
    expect(listed.kiosks.find((k) => k.kioskId === kiosk.kioskId)?.updateChannel).toBe('beta');

    const audit = await h.db
      .selectFrom('staff_audit')
      .select(['action', 'detail'])
      .where('action', '=', 'set-update-channel')
      .execute();
    expect(audit.map((row) => JSON.parse(row.detail ?? '{}') as unknown)).toEqual([
      { kioskId: kiosk.kioskId, from: 'stable', to: 'beta' },
    ]);

    expect((await h.call('PUT', url, it_.headers, { channel: 'nightly' })).status).toBe(400);
    expect((await h.call('PUT', url, kiosk.headers, { channel: 'stable' })).status).toBe(401);
    const unknown = await h.call(
      'PUT',
      '/api/v1/staff/kiosks/00000000-0000-4000-8000-000000000000/update-channel',
      it_.headers,
      { channel: 'beta' },
    );
    expect(unknown.status).toBe(404);
  });
});

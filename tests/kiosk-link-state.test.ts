import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCentral, type RunningCentral } from '../central/server.js';
import { createKioskCore, type KioskCore } from '../src/kiosk/core.js';
import { dispatch } from '../src/kiosk/dispatch.js';
import { tempDir } from '../src/testing/temp-dir.js';
import { startTcpProxy, type TcpProxy } from './fault/tcp-proxy.js';
import { until } from './helpers/requests-stack.js';
import { startKioskStack, type KioskStack } from './helpers/kiosk-stack.js';

const lookup = {
  supplyOrInvoiceNumber: '100234',
  documentType: 'DNI',
  documentNumber: '20345678',
  birthDate: '1985-04-12',
};

/** "En línea" / "Sin conexión" follows every call to the central, not only the catalogue's. */
describe('the link state at the kiosk', () => {
  let stack: KioskStack;
  const call = (method: string, input?: unknown) => dispatch(stack.core.handlers, method, input);
  const status = async () =>
    ((await call('sync:status')) as { value: { online: boolean; lastError: string | null } }).value;

  beforeAll(async () => {
    stack = await startKioskStack();
  }, 60_000);
  afterAll(() => stack?.close());

  it('goes offline at the first call that cannot reach the central, with the catalogue’s time kept', async () => {
    expect(await status()).toMatchObject({ online: true, lastError: null });
    const syncedAt = ((await call('sync:status')) as { value: { lastSyncAt: string } }).value
      .lastSyncAt;
    await stack.stopCentral();
    const refused = await call('invoice:lookup', lookup);
    expect(refused).toMatchObject({ ok: false });
    expect(await status()).toMatchObject({
      online: false,
      lastError: 'No hay conexión con la central.',
      lastSyncAt: syncedAt,
    });
  });
});

/**
 * A dead route (packets swallowed, no reset) while a customer is at the kiosk and makes no call:
 * the core's own probe finds it, long before the catalogue's next sync would.
 */
describe('the link probe while a customer is at the kiosk', () => {
  let central: RunningCentral;
  let proxy: TcpProxy;
  let core: KioskCore;
  const temp = tempDir('ventanilla-link-probe-');
  const call = (method: string, input?: unknown) => dispatch(core.handlers, method, input);
  const online = async () =>
    ((await call('sync:status')) as { value: { online: boolean } }).value.online;
  const healthChecks = () => proxy.requests.filter((line) => line === 'GET /healthz').length;

  beforeAll(async () => {
    central = await startCentral({ dataDir: path.join(temp.dir, 'central'), port: 0 });
    proxy = await startTcpProxy(central.port);
    core = createKioskCore({
      dataDir: path.join(temp.dir, 'kiosk'),
      centralUrl: proxy.url,
      host: 'web',
      version: '0.0.0-test',
      // No catalogue sync during the test: only the probe can notice.
      syncIntervalMs: 3_600_000,
      log: () => {},
    });
    core.start();
    await until(online, 30_000);
  }, 60_000);
  afterAll(async () => {
    await core?.stop();
    await proxy?.close();
    await central?.close();
    temp.remove();
  });

  it('shows a dead link within seconds and its return, without any customer call', async () => {
    // A customer looks up an invoice without an account, then reads it.
    expect(await call('invoice:lookup', lookup)).toMatchObject({ ok: true });
    expect(healthChecks()).toBe(0);
    proxy.set({ kind: 'black-hole' });
    const dropped = Date.now();
    // sync:status is the screens' polling: it is no customer activity and reaches no central.
    await expect.poll(online, { timeout: 60_000, interval: 200 }).toBe(false);
    const noticed = Date.now() - dropped;
    expect(healthChecks()).toBeGreaterThan(0);
    proxy.set({ kind: 'pass' });
    proxy.dropConnections();
    await expect.poll(online, { timeout: 60_000, interval: 200 }).toBe(true);
    console.log(`Dead link noticed after ${noticed} ms, back after ${Date.now() - dropped} ms.`);
  });
});

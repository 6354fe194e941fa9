import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../src/kiosk/dispatch.js';
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

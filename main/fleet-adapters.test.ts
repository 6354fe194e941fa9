import { describe, expect, it, vi } from 'vitest';
import type { SecretStore } from '../src/fleet/secret-store.js';
import { printerDevice, safeStorageSecretStore, shellDevices } from './fleet-adapters.js';
import type { ShellStatus } from './shell-status.js';

const keyring = vi.hoisted(() => ({ available: true }));
vi.mock('electron', () => ({
  safeStorage: {
    isEncryptionAvailable: () => keyring.available,
    encryptString: (plain: string) => Buffer.from(Buffer.from(plain).toString('base64')),
    decryptString: (sealed: Buffer) => Buffer.from(sealed.toString(), 'base64').toString(),
  },
}));

function memoryStore() {
  let bytes: Buffer | null = null;
  const store: SecretStore = {
    read: () => bytes,
    write: (secret) => {
      bytes = secret;
    },
    remove: () => {
      bytes = null;
    },
  };
  return { store, raw: () => bytes };
}

describe('the credential under Electron', () => {
  it('is sealed with safeStorage on disk and read back as it was', () => {
    const { store, raw } = memoryStore();
    const sealed = safeStorageSecretStore(store);
    sealed.write(Buffer.from('{"credential":"secreto"}'));
    expect(raw()?.toString()).not.toContain('secreto');
    expect(sealed.read()?.toString()).toBe('{"credential":"secreto"}');
  });

  it('stays readable when written without a keyring', () => {
    keyring.available = false;
    const { store, raw } = memoryStore();
    const sealed = safeStorageSecretStore(store);
    sealed.write(Buffer.from('plano'));
    expect(raw()?.toString()).toBe('plano');
    expect(sealed.read()?.toString()).toBe('plano');
    keyring.available = true;
  });
});

describe('the shell’s devices', () => {
  it('tells the printer’s state with CUPS’ reasons, and the channel', async () => {
    expect(
      printerDevice({
        deviceName: 'TM-T20',
        state: 'stopped',
        message: 'La impresora «TM-T20» está detenida.',
        reasons: ['media-empty-error'],
        lastFailure: null,
      }),
    ).toEqual({
      state: 'error',
      message: 'La impresora «TM-T20» está detenida. (media-empty-error)',
    });

    let shell: ShellStatus | null = null;
    const devices = shellDevices(() => shell);
    expect(await devices.printer?.()).toMatchObject({ state: 'unknown' });
    shell = {
      printer: () =>
        Promise.resolve({
          deviceName: null,
          state: 'not-configured',
          message: 'No hay impresora configurada.',
          reasons: [],
          lastFailure: null,
        }),
      updates: () => ({
        state: 'idle',
        channel: 'beta',
        version: null,
        lastCheckAt: null,
        lastError: null,
      }),
    } as unknown as ShellStatus;
    expect(await devices.printer?.()).toEqual({
      state: 'warning',
      message: 'No hay impresora configurada.',
    });
    expect(devices.updateChannel?.()).toBe('beta');
  });
});

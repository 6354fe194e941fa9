import { describe, expect, it, vi } from 'vitest';
import { electronKeyring, printerDevice, shellDevices } from './fleet-adapters.js';
import type { ShellStatus } from './shell-status.js';

const keyring = vi.hoisted(() => ({ available: true, backend: 'gnome_libsecret' }));
vi.mock('electron', () => ({
  safeStorage: {
    isEncryptionAvailable: () => keyring.available,
    getSelectedStorageBackend: () => keyring.backend,
    encryptString: (plain: string) =>
      Buffer.from(`sealed:${Buffer.from(plain).toString('base64')}`),
    decryptString: (sealed: Buffer) =>
      Buffer.from(sealed.toString().replace(/^sealed:/, ''), 'base64').toString(),
  },
}));

describe('the keyring under Electron', () => {
  it('seals with safeStorage on a real backend', () => {
    const sealed = electronKeyring();
    expect(sealed).toBeDefined();
    const bytes = sealed?.encryptString('secreto') ?? Buffer.alloc(0);
    expect(bytes.toString()).not.toContain('secreto');
    expect(sealed?.decryptString(bytes)).toBe('secreto');
  });

  it.runIf(process.platform === 'linux')(
    'is none on basic_text, whose key is no secret, nor without encryption',
    () => {
      keyring.backend = 'basic_text';
      expect(electronKeyring()).toBeUndefined();
      keyring.backend = 'gnome_libsecret';
      keyring.available = false;
      expect(electronKeyring()).toBeUndefined();
      keyring.available = true;
    },
  );
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

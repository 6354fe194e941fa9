import { safeStorage } from 'electron';
import type { DeviceState } from '../src/contract/index.js';
import { unknownDevice, type KioskDevices } from '../src/fleet/devices.js';
import type { SecretStore } from '../src/fleet/secret-store.js';
import type { PrinterState, PrinterStatus } from './printing/printer-status.js';
import type { ShellStatus } from './shell-status.js';

/** Marks bytes sealed by safeStorage, so a file written before (or without a keyring) still reads. */
const sealedPrefix = Buffer.from('safeStorage:');

/**
 * The kiosk's credential sealed with safeStorage (the OS keyring) inside the same 0600 file.
 * Without encryption available it is kept as plain Node keeps it; read back either way.
 */
export function safeStorageSecretStore(inner: SecretStore): SecretStore {
  return {
    read() {
      const bytes = inner.read();
      if (!bytes?.subarray(0, sealedPrefix.length).equals(sealedPrefix)) return bytes;
      return Buffer.from(safeStorage.decryptString(bytes.subarray(sealedPrefix.length)), 'utf8');
    },
    write(secret) {
      if (!safeStorage.isEncryptionAvailable()) return inner.write(secret);
      inner.write(
        Buffer.concat([sealedPrefix, safeStorage.encryptString(secret.toString('utf8'))]),
      );
    },
    remove: () => inner.remove(),
  };
}

const printerStates: Record<PrinterState, DeviceState['state']> = {
  ready: 'ok',
  printing: 'ok',
  'not-configured': 'warning',
  unknown: 'unknown',
  missing: 'error',
  stopped: 'error',
};

export function printerDevice(printer: PrinterStatus): DeviceState {
  const reasons = printer.reasons.length > 0 ? ` (${printer.reasons.join(', ')})` : '';
  return {
    state: printerStates[printer.state],
    message: `${printer.message}${reasons}`.slice(0, 300),
  };
}

/**
 * What the shell tells the core for the heartbeat and the staff panel: the printer from the
 * system's list and the update channel. The shell's status exists once the window does.
 */
export function shellDevices(status: () => ShellStatus | null): KioskDevices {
  return {
    printer: async () => {
      const shell = status();
      return shell ? printerDevice(await shell.printer()) : unknownDevice;
    },
    updateChannel: () => status()?.updates()?.channel ?? null,
  };
}

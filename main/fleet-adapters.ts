import { safeStorage } from 'electron';
import type { DeviceState } from '../src/contract/index.js';
import { unknownDevice, type KioskDevices } from '../src/fleet/devices.js';
import type { Keyring } from '../src/outbox/device-key.js';
import type { PrinterState, PrinterStatus } from './printing/printer-status.js';
import type { ShellStatus } from './shell-status.js';

/**
 * safeStorage as the core's keyring, only where it protects anything: available, and on a real
 * backend (the Secret Service, KWallet, the Keychain, DPAPI). On Linux without any, Chromium falls
 * back to `basic_text`, whose key is a constant in its source: then there is no keyring, and the
 * staff panel says the device key is unprotected. Asked once the app is ready.
 */
export function electronKeyring(): Keyring | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined;
  const backend =
    process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'os-keystore';
  if (backend === 'basic_text' || backend === 'unknown') return undefined;
  return {
    encryptString: (plain) => safeStorage.encryptString(plain),
    decryptString: (sealed) => safeStorage.decryptString(sealed),
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

import type { DeviceReport, DeviceState } from '../contract/index.js';
import type { z } from 'zod';

/**
 * What the shell knows about the kiosk's devices and updates (main/ reads the printer from the
 * system's list and the channel from its config). Anything it does not provide is taken from the
 * screens' last report, or is unknown.
 */
export type KioskDevices = {
  printer?: () => Promise<DeviceState>;
  camera?: () => Promise<DeviceState>;
  updateChannel?: () => string | null;
};

export const unknownDevice: DeviceState = { state: 'unknown', message: 'Desconocido' };

type Device = z.infer<typeof DeviceReport>['device'];

export function createDeviceStates(provided: KioskDevices = {}) {
  const reported = new Map<Device, DeviceState>();

  async function read(device: Device): Promise<DeviceState> {
    const fromShell = provided[device];
    if (!fromShell) return reported.get(device) ?? unknownDevice;
    try {
      return await fromShell();
    } catch {
      return { state: 'unknown', message: 'No se pudo consultar el estado.' };
    }
  }

  return {
    report({ device, state, message }: z.infer<typeof DeviceReport>) {
      reported.set(device, { state, message });
    },
    printer: () => read('printer'),
    camera: () => read('camera'),
    updateChannel: () => provided.updateChannel?.() ?? null,
  };
}

export type DeviceStates = ReturnType<typeof createDeviceStates>;

/** Counts what the core logs as an error: the heartbeat and the staff panel report the count. */
export function countingLog(log: (message: string, error?: unknown) => void) {
  let errors = 0;
  return {
    log: (message: string, error?: unknown) => {
      if (error !== undefined) errors++;
      log(message, error);
    },
    errors: () => errors,
  };
}

import type {
  DeviceState,
  Heartbeat,
  KioskHealth,
  OutboxStatus,
  SyncStatus,
} from '../contract/index.js';
import type { KeyProtection } from '../outbox/device-key.js';
import type { DeviceStates } from './devices.js';
import type { KioskEnrolmentState } from './enrolment.js';
import type { OutboxPanel } from './outbox-panel.js';

export type KioskStatusDeps = {
  version: string;
  host: 'electron' | 'web';
  enrolment: KioskEnrolmentState;
  devices: DeviceStates;
  keyProtection: () => KeyProtection;
  sync: { status(): SyncStatus };
  outbox: { status(): OutboxStatus };
  panel: Pick<OutboxPanel, 'items'>;
  errors: () => number;
  startedAt: Date;
  now: () => Date;
  lastHeartbeatAt: () => string | null;
};

/** How the key that seals customers' data (and the kiosk's credential) is kept, for staff. */
const deviceKeyState: Record<KeyProtection, DeviceState> = {
  'systemd-credential': { state: 'ok', message: 'Clave del dispositivo protegida por systemd.' },
  keyring: { state: 'ok', message: 'Clave del dispositivo protegida por el llavero.' },
  // README, "Protecting the device key": how IT moves it into a systemd credential.
  none: { state: 'warning', message: 'Clave del dispositivo sin proteger.' },
};

/** What the kiosk reports about itself: the heartbeat for IT, the health panel for staff. */
export function createKioskStatus(deps: KioskStatusDeps) {
  async function heartbeat(): Promise<Heartbeat> {
    const sync = deps.sync.status();
    const [printer, camera] = await Promise.all([deps.devices.printer(), deps.devices.camera()]);
    return {
      version: deps.version.slice(0, 40),
      uptimeSeconds: Math.max(
        0,
        Math.floor((deps.now().getTime() - deps.startedAt.getTime()) / 1000),
      ),
      updateChannel: deps.devices.updateChannel()?.slice(0, 40) ?? null,
      online: sync.online,
      lastSyncAt: sync.lastSyncAt,
      outbox: deps.outbox.status(),
      errors: deps.errors(),
      printer,
      camera,
    };
  }

  return {
    heartbeat,
    async health(): Promise<KioskHealth> {
      const beat = await heartbeat();
      return {
        version: deps.version,
        host: deps.host,
        enrolment: deps.enrolment.view(),
        updateChannel: beat.updateChannel,
        uptimeSeconds: beat.uptimeSeconds,
        online: beat.online,
        lastSyncAt: beat.lastSyncAt,
        lastSyncError: deps.sync.status().lastError,
        outbox: { ...beat.outbox, items: deps.panel.items() },
        errors: beat.errors,
        printer: beat.printer,
        camera: beat.camera,
        lastHeartbeatAt: deps.lastHeartbeatAt(),
        deviceKey: deviceKeyState[deps.keyProtection()],
      };
    },
  };
}

export type KioskStatus = ReturnType<typeof createKioskStatus>;

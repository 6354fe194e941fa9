import path from 'node:path';
import type { Branding, SyncStatus, UpdateChannelName } from '../contract/index.js';
import type { Printer } from '../kiosk/printer.js';
import type { KeyProtection } from '../outbox/device-key.js';
import type { KioskStore } from '../store/index.js';
import type { CentralClient } from '../sync/central-client.js';
import { withKioskCredential } from './credential-fetch.js';
import { createDeviceStates, type KioskDevices } from './devices.js';
import { createKioskEnrolment } from './enrolment.js';
import { fleetHandlers } from './handlers.js';
import { createHeartbeat } from './heartbeat.js';
import { createOutboxPanel, type OutboxHandle } from './outbox-panel.js';
import { fileSecretStore, type SecretStore } from './secret-store.js';
import { createStaffAtKiosk } from './staff-session.js';
import { createKioskStatus } from './status.js';

export { countingLog, type KioskDevices } from './devices.js';
export { fileSecretStore, protectedSecretStore, type SecretStore } from './secret-store.js';

/**
 * Who this kiosk is to the central, needed before the central client exists: its enrolment
 * (`<dataDir>/kiosk-credential.json`, 0600, unless a secret store is given) and the fetch that
 * carries the credential.
 */
export function createKioskIdentity(deps: {
  dataDir: string;
  kioskId: string;
  secretStore?: SecretStore | undefined;
  requireEnrolment?: boolean | undefined;
  fetch: typeof fetch;
  now: () => Date;
}) {
  const enrolment = createKioskEnrolment({
    secrets: deps.secretStore ?? fileSecretStore(path.join(deps.dataDir, 'kiosk-credential.json')),
    kioskId: deps.kioskId,
    required: deps.requireEnrolment,
  });
  return { enrolment, fetch: withKioskCredential(deps.fetch, enrolment, deps.now) };
}

export type KioskIdentity = ReturnType<typeof createKioskIdentity>;

export type FleetDeps = {
  identity: KioskIdentity;
  kioskId: string;
  version: string;
  host: 'electron' | 'web';
  client: CentralClient;
  store: KioskStore;
  outbox: OutboxHandle & { worker: { status(): ReturnType<KioskStore['outbox']['status']> } };
  sync: { status(): SyncStatus; syncNow(): Promise<SyncStatus> };
  printer: Printer;
  branding: () => Pick<Branding, 'cooperativeName'> | null;
  devices?: KioskDevices | undefined;
  /** How the device key is kept: the staff panel warns when it is a plain file. */
  keyProtection: () => KeyProtection;
  leaveKioskMode?: (() => Promise<boolean>) | undefined;
  /** The update channel IT set for this kiosk, as each heartbeat's answer brings it. */
  onUpdateChannel?: ((channel: UpdateChannelName) => void) | undefined;
  heartbeatIntervalMs: number;
  resourcesDir: string;
  tempRoot: string;
  errors: () => number;
  now: () => Date;
  log: (message: string, error?: unknown) => void;
};

/** The kiosk's side of the fleet: heartbeat, enrolment, and the staff panel's methods. */
export function createFleet(deps: FleetDeps) {
  const { client, now, log } = deps;
  const { enrolment } = deps.identity;
  const devices = createDeviceStates(deps.devices);
  const staff = createStaffAtKiosk({ client, enrolment, now, log });
  const panel = createOutboxPanel({ store: deps.store, outbox: deps.outbox, client, staff, now });
  const heartbeat = createHeartbeat({
    client,
    enrolment,
    collect: () => status.heartbeat(),
    intervalMs: deps.heartbeatIntervalMs,
    onUpdateChannel: deps.onUpdateChannel,
    log,
  });
  const status = createKioskStatus({
    version: deps.version,
    host: deps.host,
    enrolment,
    devices,
    keyProtection: deps.keyProtection,
    sync: deps.sync,
    outbox: deps.outbox.worker,
    panel,
    errors: deps.errors,
    startedAt: now(),
    now,
    lastHeartbeatAt: heartbeat.lastSentAt,
  });
  const handlers = fleetHandlers({
    client,
    kioskId: deps.kioskId,
    version: deps.version,
    enrolment,
    devices,
    staff,
    panel,
    status,
    heartbeatNow: heartbeat.sendNow,
    syncCatalog: () => deps.sync.syncNow(),
    printer: deps.printer,
    branding: deps.branding,
    resourcesDir: deps.resourcesDir,
    tempRoot: deps.tempRoot,
    leaveKioskMode: deps.leaveKioskMode,
    now,
  });
  return {
    handlers,
    /** The staff member signed in here, for assisted mode (src/kiosk/assisted-handlers.ts). */
    staff,
    heartbeatNow: heartbeat.sendNow,
    start: () => heartbeat.start(),
    async stop() {
      await heartbeat.stop();
      await staff.signOut();
    },
  };
}

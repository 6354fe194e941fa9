import { rmSync } from 'node:fs';
import path from 'node:path';
import { createCustomerSession } from '../session/customer-session.js';
import { openKioskStore } from '../store/index.js';
import { createCatalogSync } from '../sync/catalog-sync.js';
import { createCentralClient } from '../sync/central-client.js';
import { createLinkProbe } from '../sync/link-probe.js';
import { defaultResourcesDir } from '../documents/pdf-fonts.js';
import { kioskShortName, type UpdateChannelName } from '../contract/index.js';
import {
  countingLog,
  createFleet,
  createKioskIdentity,
  type KioskDevices,
  fileSecretStore,
  protectedSecretStore,
  type SecretStore,
} from '../fleet/index.js';
import { deviceKeyProvider, type KeyProvider, type Keyring } from '../outbox/device-key.js';
import { createOutbox } from '../outbox/outbox.js';
import type { BackoffPolicy } from '../outbox/retry-policy.js';
import { createSealedBox } from '../outbox/sealed-box.js';
import { createActiveCustomer, createDraftRepository, requestHandlers } from '../requests/index.js';
import { accountHandlers } from './account-handlers.js';
import { assistedHandlers } from './assisted-handlers.js';
import { pdfFallbackPrinter, type Printer } from './printer.js';
import { observeKioskHandlers } from './observed-handlers.js';
import { supplyHandlers, type PaymentsView } from './supply-handlers.js';
import type { KioskHandlers } from './dispatch.js';

export type KioskCoreOptions = {
  /** Folder for the kiosk's SQLite file and temporary files. */
  dataDir: string;
  /** Base URL of the central API, e.g. http://127.0.0.1:8080 */
  centralUrl: string;
  host: 'electron' | 'web';
  version: string;
  /** Injected so tests can drive time. */
  now?: () => Date;
  /** How often the catalogue is synced, in ms (default 60 s). */
  syncIntervalMs?: number;
  fetch?: typeof fetch;
  /** The app's resources/ folder (fonts, templates). */
  resourcesDir?: string;
  /** The kiosk's printer; without one, printed documents are kept as PDFs for the session. */
  printer?: Printer;
  /** The branch this kiosk stands in, printed on receipts and coupons. */
  branch?: string;
  /** Where unexpected errors of the background loop go. */
  log?: (message: string, error?: unknown) => void;
  /**
   * The device key that seals customer data at rest. Default: the systemd credential
   * `ventanilla-device-key` in `credentialsDirectory`, else sealed by `keyring`, else a 0600 file
   * in `dataDir` (and the staff panel says it is unprotected).
   */
  keyProvider?: KeyProvider;
  /** Where systemd put the unit's credentials (default `$CREDENTIALS_DIRECTORY`). */
  credentialsDirectory?: string;
  /** The OS keyring (Electron's safeStorage on a real backend); none under the web host. */
  keyring?: Keyring;
  /**
   * Where a phone follows a request, `{number}` replaced by its number (the receipt's QR code).
   * Default: the central's "Seguí tu trámite" page, `/seguimiento?numero={number}`, which asks for
   * the holder's document before it shows anything.
   */
  trackingUrl?: string;
  /** How long "Enviar" waits for delivery before printing "Pendiente de envío" (default 8 s). */
  submitWaitMs?: number;
  /** Size of each attachment upload chunk (default 512 KiB). */
  uploadChunkBytes?: number;
  /** How long a call to the central may take before it counts as a dropped link (default 10 s). */
  centralTimeoutMs?: number;
  /** Backoff of the outbox's retries (default: from 2 s, doubling, up to 10 min). */
  outboxBackoff?: BackoffPolicy;
  /**
   * Where the device credential from enrolment is kept (default: a 0600 file in `dataDir`);
   * the Electron shell wraps it with safeStorage.
   */
  secretStore?: SecretStore;
  /** The printer's and camera's state and the update channel, as the shell knows them. */
  devices?: KioskDevices;
  /** How often an enrolled kiosk reports to the central, in ms (default 60 s). */
  heartbeatIntervalMs?: number;
  /**
   * The kiosk must be enrolled before customers use it, so the screens open on the setup screen
   * until it is (default false: a demo's embedded central has no IT to hand out codes).
   */
  requireEnrolment?: boolean;
  /** "Salir del modo kiosco" for staff: the shell leaves kiosk mode and says whether it did. */
  leaveKioskMode?: () => Promise<boolean>;
  /** The shell follows the update channel IT sets on the central (told with each heartbeat). */
  onUpdateChannel?: (channel: UpdateChannelName) => void;
  /** The shell's restricted view for the payments page (Electron); none under the web host. */
  paymentsView?: PaymentsView;
};

export type KioskCore = {
  readonly handlers: KioskHandlers;
  /** The outbox's worker: tests wait on it; staff screens will read its state. */
  readonly outbox: { idle(): Promise<void>; kick(): void };
  /** This kiosk's id (the shell keys its update staging group on it). */
  readonly kioskId: string;
  /** Sends the heartbeat now (tests; the loop sends one a minute once started). */
  readonly fleet: { heartbeatNow(): Promise<void> };
  /** Starts the background sync loop (first sync at once). */
  start(): void;
  stop(): Promise<void>;
};

/** How long after a customer's last call the kiosk still counts them as present. */
const customerPresenceSeconds = 180;

/** Wires the kiosk's pieces together; the same core runs under Electron and under the web host. */
export function createKioskCore(options: KioskCoreOptions): KioskCore {
  const now = options.now ?? (() => new Date());
  const logged = countingLog(options.log ?? ((message, error) => console.error(message, error)));
  const log = logged.log;
  // What a crashed visit left (filled forms, photo PDFs, a test page): no visit survives a start.
  const tempRoot = path.join(options.dataDir, 'tmp');
  rmSync(tempRoot, { recursive: true, force: true });
  const store = openKioskStore(options.dataDir);
  const kioskId = store.settings.kioskId();
  const keyProvider =
    options.keyProvider ??
    deviceKeyProvider({
      dataDir: options.dataDir,
      credentialsDirectory: options.credentialsDirectory ?? process.env.CREDENTIALS_DIRECTORY,
      keyring: options.keyring,
      log: (message) => log(message),
    });
  const identity = createKioskIdentity({
    dataDir: options.dataDir,
    kioskId,
    secretStore:
      options.secretStore ??
      protectedSecretStore(
        fileSecretStore(path.join(options.dataDir, 'kiosk-credential.json')),
        keyProvider,
        options.keyring,
      ),
    requireEnrolment: options.requireEnrolment,
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
    now,
  });
  const client = createCentralClient({
    baseUrl: options.centralUrl,
    kioskId,
    fetch: identity.fetch,
    ...(options.centralTimeoutMs && { timeoutMs: options.centralTimeoutMs }),
    onLink: (reachable, failure) => {
      const wasOnline = catalogSync.status().online;
      catalogSync.linkObserved(reachable, failure);
      // Back after a fall: the outbox goes now, not at its next backoff.
      if (reachable && !wasOnline) outbox.linkBack();
    },
  });
  const box = createSealedBox(keyProvider.deviceKey());
  const drafts = createDraftRepository({
    store: store.drafts,
    transaction: store.transaction,
    box,
    now,
  });
  // A crash may have left drafts of sessions that have ended since.
  if (drafts.purgeExpired() > 0) store.checkpoint();
  const customers = createActiveCustomer({
    drafts,
    ownerOf: (email) => box.pseudonym(`owner:${email.trim().toLowerCase()}`),
    onReturn: (owner) => outbox.resumeFor(owner),
    afterWipe: () => store.checkpoint(),
  });
  const outbox = createOutbox({
    dataDir: options.dataDir,
    store,
    box,
    client,
    now,
    referencePrefix: kioskShortName(kioskId),
    sessionTokenFor: (owner) => customers.tokenFor(owner),
    ...(options.uploadChunkBytes && { chunkBytes: options.uploadChunkBytes }),
    ...(options.outboxBackoff && { backoff: options.outboxBackoff }),
    log,
  });
  const session = createCustomerSession({
    onStart: (granted) => customers.started(granted),
    onWipe: (token) => {
      customers.wiped(token);
      outbox.forget(token);
    },
    tempRoot,
    now,
    // Through the outbox, behind the customer's queued deliveries, whose tokens it names: a
    // sign-out that cannot reach the central waits there, and "Salir" never waits for the link.
    endOnCentral: (token) => Promise.resolve(outbox.signOut(token)),
  });
  customers.attach(session);
  const catalogSync = createCatalogSync({ client, cache: store.catalog, now });
  const linkProbe = createLinkProbe({
    probe: (timeoutMs) => client.call('health', { timeoutMs }),
    // Signed in, or made a call lately (a lookup without an account, a registration).
    customerPresent: () =>
      session.current() !== null || session.idleSeconds() < customerPresenceSeconds,
  });
  const resourcesDir = options.resourcesDir ?? defaultResourcesDir;
  const printer = options.printer ?? pdfFallbackPrinter;
  const catalog = () => store.catalog.load()?.catalog ?? null;
  // Enrolment names the kiosk's branch; a host may say it instead (or before enrolment).
  const branch = () => options.branch ?? identity.enrolment.branch() ?? undefined;
  const trackingUrl =
    options.trackingUrl ?? `${options.centralUrl.replace(/\/+$/, '')}/seguimiento?numero={number}`;
  const fleet = createFleet({
    identity,
    kioskId,
    version: options.version,
    host: options.host,
    client,
    store,
    outbox: { files: outbox.files, worker: outbox.worker },
    sync: catalogSync,
    printer,
    branding: () => catalog()?.branding ?? null,
    devices: options.devices,
    keyProtection: () => keyProvider.protection(),
    leaveKioskMode: options.leaveKioskMode,
    onUpdateChannel: options.onUpdateChannel,
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? 60_000,
    resourcesDir,
    tempRoot,
    errors: logged.errors,
    now,
    log,
  });
  let timer: NodeJS.Timeout | undefined;

  const ownHandlers: KioskHandlers = {
    'app:info': () =>
      Promise.resolve({
        version: options.version,
        host: options.host,
        branding: store.catalog.load()?.catalog.branding ?? null,
      }),
    'catalog:get': () => {
      const cached = store.catalog.load();
      return Promise.resolve({
        catalog: cached?.catalog ?? null,
        syncedAt: cached?.syncedAt ?? null,
      });
    },
    'sync:status': () =>
      Promise.resolve({ ...catalogSync.status(), enrolment: identity.enrolment.view().state }),
    'sync:now': () => catalogSync.syncNow(),
    ...accountHandlers({ client, session }),
    ...supplyHandlers({
      client,
      session,
      printer,
      catalog,
      resourcesDir,
      branch,
      ...(options.paymentsView && { paymentsView: options.paymentsView }),
      now,
    }),
    ...requestHandlers({
      client,
      session,
      customers,
      drafts,
      outbox,
      catalog,
      printer,
      resourcesDir,
      branch,
      now,
      trackingUrl: (number) => trackingUrl.replace('{number}', encodeURIComponent(number)),
      submitWaitMs: options.submitWaitMs ?? 8_000,
      log,
    }),
    ...fleet.handlers,
    ...assistedHandlers({ client, session, staff: fleet.staff }),
  };
  const handlers = observeKioskHandlers(ownHandlers, { customerCall: () => session.touch() });
  // The outbox delivers whatever a previous run left, from the start: a core always owns it.
  outbox.worker.start();

  const syncInBackground = () => {
    catalogSync
      .syncNow()
      .catch((error: unknown) => log('Catalogue sync failed unexpectedly', error));
  };

  return {
    handlers,
    outbox: outbox.worker,
    kioskId,
    fleet: { heartbeatNow: fleet.heartbeatNow },
    start() {
      if (timer) return;
      fleet.start();
      linkProbe.start();
      syncInBackground();
      timer = setInterval(syncInBackground, options.syncIntervalMs ?? 60_000);
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
      timer = undefined;
      await linkProbe.stop();
      await session.end();
      await fleet.stop();
      await outbox.worker.stop();
      await catalogSync.idle();
      store.close();
    },
  };
}

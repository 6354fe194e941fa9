import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { TestEngine, TestLocation } from '../../central/testing/engines.js';
import { startSmtpMailbox, type SmtpMailbox } from '../../central/testing/smtp-mailbox.js';
import type { Envelope, UpdateChannelName } from '../../src/contract/index.js';
import { dispatch, type KioskHandlers } from '../../src/kiosk/dispatch.js';
import { startCentral } from '../../central/server.js';
import type { CatalogSource } from '../../central/catalog/resources.js';
import { createKioskCore } from '../../src/kiosk/core.js';
import type { PaymentsView } from '../../src/kiosk/supply-handlers.js';
import { startWebHost } from '../../src/webhost/server.js';
import { tempDir } from '../../src/testing/temp-dir.js';

export const rendererDir = path.resolve('dist/renderer');

/**
 * The whole kiosk as `npm run web` runs it, on port 0 and a temp folder: an embedded central
 * (SQLite, unless a database URL is given), the kiosk core, and the web host.
 */
export async function startKioskStack(
  options: {
    databaseUrl?: string;
    smtpUrl?: string;
    centralDataDir?: string;
    /** Another cooperative's resources (its settings), instead of the repository's. */
    catalogSource?: CatalogSource;
    /** The shell's payments view, which only Electron has. */
    paymentsView?: PaymentsView;
    /** The shell's updater, told the channel IT set. */
    onUpdateChannel?: (channel: UpdateChannelName) => void;
    /** Wraps the core's handlers before the web host serves them (e.g. with the shell's observers). */
    observe?: (handlers: KioskHandlers) => KioskHandlers;
  } = {},
) {
  const temp = tempDir('ventanilla-e2e-');
  let central: Awaited<ReturnType<typeof startCentral>> | null = await startCentral({
    dataDir: options.centralDataDir ?? path.join(temp.dir, 'central'),
    port: 0,
    databaseUrl: options.databaseUrl,
    smtpUrl: options.smtpUrl,
    // Demo data on every engine: the end-to-end tests type the README's demo supplies.
    seedDemo: true,
    // Test files register many accounts from one address; the limit's own test sets it.
    accounts: { throttle: { registrationsPerHour: 10_000 } },
    ...(options.catalogSource && { catalogSource: options.catalogSource }),
  });
  const core = createKioskCore({
    dataDir: path.join(temp.dir, 'kiosk'),
    centralUrl: central.url,
    host: 'web',
    version: '0.0.0-test',
    ...(options.paymentsView && { paymentsView: options.paymentsView }),
    ...(options.onUpdateChannel && { onUpdateChannel: options.onUpdateChannel }),
    log: () => {},
  });
  await core.handlers['sync:now'](undefined);
  const handlers = options.observe?.(core.handlers) ?? core.handlers;
  const host = await startWebHost({ handlers, rendererDir, port: 0 });

  return {
    url: host.url,
    dataDir: temp.dir,
    kioskDir: path.join(temp.dir, 'kiosk'),
    centralUrl: central.url,
    core,
    async stopCentral() {
      await central?.close();
      central = null;
    },
    async close() {
      await host.close();
      await core.stop();
      await central?.close();
      temp.remove();
    },
  };
}

export type KioskStack = Awaited<ReturnType<typeof startKioskStack>>;

/** The whole stack on one engine with a real SMTP server, and the kiosk API as the renderer calls it. */
export type EngineKiosk = {
  stack: KioskStack;
  mailbox: SmtpMailbox;
  /** Where the central keeps its data: to open its database as an administrator would. */
  location: TestLocation;
  /** A kiosk API call through the dispatcher: envelopes and all. */
  call: (method: string, input?: unknown) => Promise<Envelope<unknown>>;
};

/** Starts an EngineKiosk for the calling suite (after `prepare`), and stops it after. */
export function useEngineKiosk(
  engine: TestEngine,
  prepare?: (kiosk: EngineKiosk) => Promise<void>,
): EngineKiosk {
  const kiosk = {
    call: (method: string, input?: unknown) => dispatch(kiosk.stack.core.handlers, method, input),
  } as EngineKiosk;
  beforeAll(async () => {
    kiosk.mailbox = await startSmtpMailbox();
    const location = await engine.newLocation();
    kiosk.location = location;
    kiosk.stack = await startKioskStack({
      databaseUrl: location.databaseUrl,
      centralDataDir: location.dataDir,
      smtpUrl: kiosk.mailbox.url,
    });
    await prepare?.(kiosk);
  }, 120_000);
  afterAll(async () => {
    await kiosk.stack?.close();
    await kiosk.mailbox?.close();
  });
  return kiosk;
}

import type { AddressInfo } from 'node:net';
import path from 'node:path';
import packageJson from '../package.json' with { type: 'json' };
import { accountsConfig, argon2Hasher, type AccountsConfigOverride } from './accounts/index.js';
import { buildCentral } from './app.js';
import { loadCatalogResources, type CatalogSource } from './catalog/resources.js';
import { seedCatalogIfEmpty } from './catalog/store.js';
import { createDatabase, migrateToLatest, type Engine } from './db/index.js';
import type { FleetConfigOverride } from './fleet/index.js';
import { createMailer, defaultMailFrom, type MailLog } from './mail/mailer.js';
import type { MailOutboxConfig } from './mail/outbox.js';
import type { RequestsConfigOverride } from './requests/index.js';
import type { SuppliesConfigOverride } from './supplies/config.js';
import { seedDemoIfEmpty } from './supplies/demo.js';
import { seedDemoStaffIfEmpty, type DemoStaff } from './staff/demo-staff.js';

export type StartCentralOptions = {
  /** Always loopback unless told otherwise. */
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Folder of the SQLite file (when no database URL is given) and of the central's files. */
  dataDir: string;
  /** PostgreSQL connection string; without it the central uses SQLite in `dataDir`. */
  databaseUrl?: string;
  version?: string;
  logger?: boolean;
  /** Where the catalogue is seeded from when the database has none. */
  catalogSource?: CatalogSource;
  /** SMTP server for the mails (smtp://user:password@host:587); without it, `.eml` files. */
  smtpUrl?: string;
  /** Base URL of the links in mails (how phones reach this central); default its own URL. */
  publicUrl?: string;
  /** From header of the mails; default `COPELCO <no-responder@copelco.example>`. */
  mailFrom?: string;
  /** Lifetimes and limits of codes, sessions and throttling (tests shorten them). */
  accounts?: AccountsConfigOverride;
  /** The clock of accounts (tests move time). */
  now?: () => Date;
  /**
   * Load the demo customers, supplies and invoices (`resources/demo/`) when the central has no
   * master data. Default: on for SQLite in the data folder (the embedded central of the kiosk
   * and of `npm run web`), off for PostgreSQL.
   */
  seedDemo?: boolean;
  /**
   * Add a staff member of each role with a fresh password to a central with no staff (the demo of
   * `npm start` and `npm run web`, which print it once). Default off.
   */
  seedDemoStaff?: boolean;
  /** Supplies' limits (tests shorten them) and the payments site's shared secret. */
  supplies?: { config?: SuppliesConfigOverride; paymentsHandoffSecret?: string | undefined };
  /** Lifetimes of uploads, delivery tokens, idempotency claims and staff sessions. */
  requests?: RequestsConfigOverride;
  /**
   * Enrolment and heartbeats: `requireEnrolledKiosks` (default off, as an embedded central
   * wants), and the limits tests shorten.
   */
  fleet?: FleetConfigOverride;
  /** Retries and polling of the mail outbox (tests shorten them). */
  mailOutbox?: Partial<MailOutboxConfig>;
};

export type RunningCentral = {
  url: string;
  port: number;
  engine: Engine;
  /** Folder of the mails written as `.eml` files, or null when they go to an SMTP server. */
  mailDir: string | null;
  /**
   * Resolves when the outbox has no mail due now: every mail written so far was delivered, or
   * failed and waits for its retry.
   */
  mailsSent(): Promise<void>;
  /**
   * The demo's staff made at this start (one member of each role, the password to print once),
   * or null (not a demo, or a central that already had staff).
   */
  demoStaff: DemoStaff | null;
  /** Stops listening and delivering mails (those not sent wait in the outbox), then closes the database. */
  close(): Promise<void>;
};

/** Opens the database, migrates it, seeds the catalogue if it has none, and listens. */
export async function startCentral({
  host = '127.0.0.1',
  port = 0,
  dataDir,
  databaseUrl,
  version = packageJson.version,
  logger = false,
  catalogSource,
  smtpUrl,
  publicUrl,
  mailFrom = defaultMailFrom,
  accounts,
  now = () => new Date(),
  seedDemo = databaseUrl === undefined,
  seedDemoStaff = false,
  supplies,
  requests,
  fleet,
  mailOutbox,
}: StartCentralOptions): Promise<RunningCentral> {
  const { db, engine, destroy } = createDatabase(databaseUrl ? { databaseUrl } : { dataDir });
  let app: ReturnType<typeof buildCentral> | undefined;
  // The app's logger exists only once the app does; mails are sent only after that.
  const log: MailLog = {
    info: (details, message) => app?.log.info(details, message),
    error: (details, message) => app?.log.error(details, message),
  };
  const mailer = createMailer({
    smtpUrl,
    mailDir: path.join(dataDir, 'mail'),
    from: mailFrom,
    log,
  });
  let ownUrl = '';
  const hasher = argon2Hasher();
  let demoStaff: DemoStaff | null = null;
  try {
    await migrateToLatest(db);
    await seedCatalogIfEmpty(db, () => loadCatalogResources(catalogSource));
    if (seedDemo) await seedDemoIfEmpty(db, { now: now() });
    if (seedDemoStaff) demoStaff = await seedDemoStaffIfEmpty(db, hasher, now());
    app = buildCentral({
      db,
      engine,
      version,
      logger,
      accounts: {
        mailer,
        hasher,
        config: accountsConfig(accounts),
        now,
        publicUrl: () => publicUrl ?? ownUrl,
      },
      ...(supplies && { supplies }),
      // Attachments: in the data folder with SQLite, in the database with PostgreSQL.
      requests: { dataDir, ...(requests && { config: requests }) },
      ...(fleet && { fleet: { config: fleet } }),
      ...(mailOutbox && { mailOutbox }),
    });
    await app.listen({ host, port });
  } catch (error) {
    await app?.close();
    await mailer.close();
    await destroy();
    throw error;
  }

  const address = app.server.address() as AddressInfo;
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  ownUrl = `http://${urlHost}:${address.port}`;
  const running = app;
  let closing: Promise<void> | undefined;
  return {
    url: ownUrl,
    port: address.port,
    engine,
    mailDir: mailer.mailDir,
    demoStaff,
    mailsSent: () => mailer.idle(),
    close() {
      closing ??= running
        .close()
        .then(() => mailer.close())
        .then(destroy);
      return closing;
    },
  };
}

import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { startCentral, type RunningCentral } from '../../central/server.js';
import type { TestEngine } from '../../central/testing/engines.js';
import { startSmtpMailbox, type SmtpMailbox } from '../../central/testing/smtp-mailbox.js';
import type { Envelope } from '../../src/contract/index.js';
import { createKioskCore, type KioskCore } from '../../src/kiosk/core.js';
import { dispatch } from '../../src/kiosk/dispatch.js';
import { startWebHost } from '../../src/webhost/server.js';
import { tempDir } from '../../src/testing/temp-dir.js';
import { browserAvailable, launchChromium, screenshotPath } from '../helpers/browser.js';
import { openCentralAdmin, type CentralAdmin } from '../helpers/central-admin.js';
import { rendererDir } from '../helpers/kiosk-stack.js';

export const staffMember = {
  email: 'mostrador@copelco.example',
  name: 'Marta Ríos',
  password: 'una clave larga del mostrador',
  pin: '482915',
  roles: ['mostrador'],
} as const;

export type StaffKiosk = {
  central: RunningCentral;
  /** The central's database, as IT's command line reaches it (codes, revocation, audit). */
  database: CentralAdmin;
  core: KioskCore;
  kioskDir: string;
  url: string;
  browser: Browser;
  page: Page;
  /** A kiosk API call through the dispatcher, as the renderer makes it. */
  call: (method: string, input?: unknown) => Promise<Envelope<unknown>>;
  /** A new enrolment code for `branch`, as `npm run central -- kiosk enrol-code` prints it. */
  enrolmentCode: (branch?: string) => Promise<string>;
  fleet: CentralAdmin['fleet'];
  /** A screenshot named `<prefix>-<engine>-<name>`, to be looked at. */
  shot: (name: string) => Promise<Buffer>;
  /** The central's mail, when asked for (`mailbox: true`). */
  mailbox: SmtpMailbox;
};

/**
 * The kiosk as a cooperative runs it, for the staff and setup screens: a real central on `engine`
 * (with a staff member who has a PIN), the kiosk core, the web host, and the system Chromium with
 * its fake camera. `requireEnrolment` makes the core open on the setup screen until enrolled, and
 * the central then refuses kiosks without a credential, as `npm run central` on PostgreSQL does.
 */
export function useStaffKiosk(
  engine: TestEngine,
  options: {
    prefix: string;
    requireEnrolment?: boolean;
    /** A real SMTP server for the central's mail (customers to register and activate). */
    mailbox?: boolean;
    /** Runs once everything is up, before the page opens the kiosk. */
    prepare?: (kiosk: StaffKiosk) => Promise<void>;
  },
): StaffKiosk {
  const kiosk = {} as StaffKiosk;
  const temp = tempDir('ventanilla-staff-e2e-');
  let host: Awaited<ReturnType<typeof startWebHost>> | undefined;

  beforeAll(async () => {
    if (!browserAvailable()) return;
    const location = await engine.newLocation();
    const requireEnrolment = options.requireEnrolment ?? false;
    if (options.mailbox) kiosk.mailbox = await startSmtpMailbox();
    kiosk.central = await startCentral({
      ...(options.mailbox && { smtpUrl: kiosk.mailbox.url }),
      dataDir: location.dataDir,
      databaseUrl: location.databaseUrl,
      port: 0,
      seedDemo: true,
      fleet: { requireEnrolledKiosks: requireEnrolment },
    });
    kiosk.database = openCentralAdmin(location);
    await kiosk.database.addStaff(staffMember);

    kiosk.kioskDir = path.join(temp.dir, 'kiosk');
    kiosk.core = createKioskCore({
      dataDir: kiosk.kioskDir,
      centralUrl: kiosk.central.url,
      host: 'web',
      version: '0.0.0-test',
      requireEnrolment,
      log: () => {},
    });
    kiosk.call = (method, input) => dispatch(kiosk.core.handlers, method, input);
    kiosk.fleet = kiosk.database.fleet;
    kiosk.enrolmentCode = (branch) => kiosk.database.enrolmentCode(branch);
    await kiosk.call('sync:now');
    host = await startWebHost({ handlers: kiosk.core.handlers, rendererDir, port: 0 });
    kiosk.url = host.url;
    await options.prepare?.(kiosk);

    // Chromium's own fake camera (a moving test pattern), granted without asking.
    kiosk.browser = await launchChromium([
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
    ]);
    kiosk.page = await kiosk.browser.newPage({ viewport: { width: 1280, height: 1024 } });
    kiosk.shot = (name) =>
      kiosk.page.screenshot({ path: screenshotPath(`${options.prefix}-${engine.name}-${name}`) });
    await kiosk.page.goto(kiosk.url);
  }, 120_000);

  afterAll(async () => {
    await kiosk.browser?.close();
    await host?.close();
    await kiosk.core?.stop();
    await kiosk.central?.close();
    await kiosk.database?.close();
    await kiosk.mailbox?.close();
    temp.remove();
  });

  return kiosk;
}

/** The central's audit log of this kiosk: action and detail, oldest first. */
export async function auditOf(
  kiosk: StaffKiosk,
): Promise<{ action: string; detail: Record<string, unknown> }[]> {
  const rows = await kiosk.database.db
    .selectFrom('staff_audit')
    .select(['action', 'detail'])
    .where('kiosk_id', '=', kiosk.core.kioskId)
    .orderBy('at')
    .execute();
  return rows.map((row) => ({
    action: row.action,
    detail: JSON.parse(row.detail ?? '{}') as Record<string, unknown>,
  }));
}

import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { kioskShortName, type Branding, type SyncStatus } from '../contract/index.js';
import { centralCall } from '../kiosk/central-errors.js';
import type { KioskHandlers } from '../kiosk/dispatch.js';
import type { Printer } from '../kiosk/printer.js';
import type { CentralClient } from '../sync/central-client.js';
import type { DeviceStates } from './devices.js';
import type { KioskEnrolmentState } from './enrolment.js';
import { fleetErrors } from './messages.js';
import type { OutboxPanel } from './outbox-panel.js';
import type { StaffAtKioskState } from './staff-session.js';
import type { KioskStatus } from './status.js';
import { renderTestPage } from './printer-check-page.js';

export type FleetMethod =
  | 'fleet:status'
  | 'fleet:enrol'
  | 'fleet:reportDevice'
  | 'staff:signIn'
  | 'staff:current'
  | 'staff:touch'
  | 'staff:signOut'
  | 'staff:health'
  | 'staff:syncNow'
  | 'staff:retryItem'
  | 'staff:discardItem'
  | 'staff:testPrint'
  | 'staff:leaveKioskMode';

export type FleetHandlerDeps = {
  client: CentralClient;
  kioskId: string;
  version: string;
  enrolment: KioskEnrolmentState;
  devices: DeviceStates;
  staff: StaffAtKioskState;
  panel: OutboxPanel;
  status: KioskStatus;
  heartbeatNow: () => Promise<void>;
  syncCatalog: () => Promise<SyncStatus>;
  printer: Printer;
  branding: () => Pick<Branding, 'cooperativeName'> | null;
  resourcesDir: string;
  /** The test page is kept here when there is no printer (nothing of a customer's in it). */
  tempRoot: string;
  /** The shell's way out of kiosk mode; none under the web host, where there is no kiosk mode. */
  leaveKioskMode?: (() => Promise<boolean>) | undefined;
  now: () => Date;
};

/** The kiosk API of the fleet (enrolment, device reports) and of the staff panel. */
export function fleetHandlers(deps: FleetHandlerDeps): Pick<KioskHandlers, FleetMethod> {
  const { enrolment, staff, panel, status } = deps;
  return {
    'fleet:status': () => Promise.resolve(enrolment.view()),
    'fleet:enrol': async ({ code }) => {
      if (enrolment.isEnrolled()) throw fleetErrors.alreadyEnrolled();
      const enrolled = await centralCall(() =>
        deps.client.call('enrolKiosk', { body: { code, kioskId: deps.kioskId } }),
      );
      enrolment.save(enrolled);
      // IT sees the new kiosk on the fleet page at once, not a minute later.
      await deps.heartbeatNow();
      return enrolment.view();
    },
    'fleet:reportDevice': (report) => {
      deps.devices.report(report);
      return Promise.resolve({ recorded: true as const });
    },
    'staff:signIn': (body) => staff.signIn(body),
    'staff:current': () => Promise.resolve(staff.current()),
    'staff:touch': () => Promise.resolve(staff.touch()),
    'staff:signOut': async () => {
      await staff.signOut();
      return { ended: true as const };
    },
    'staff:health': () => {
      staff.require();
      return status.health();
    },
    'staff:syncNow': async () => {
      staff.require();
      await deps.syncCatalog();
      panel.hurry();
      await deps.heartbeatNow();
      return status.health();
    },
    'staff:retryItem': async ({ itemId, reason }) => {
      await panel.retry(itemId, reason);
      return status.health();
    },
    'staff:discardItem': async ({ itemId, reason }) => {
      await panel.discard(itemId, reason);
      return status.health();
    },
    'staff:testPrint': async () => {
      staff.require();
      const pdf = await renderTestPage({
        branding: deps.branding(),
        kioskName: kioskShortName(deps.kioskId),
        branch: enrolment.branch(),
        version: deps.version,
        printedAt: deps.now(),
        resourcesDir: deps.resourcesDir,
      });
      const folder = path.join(deps.tempRoot, 'test-print');
      mkdirSync(folder, { recursive: true, mode: 0o700 });
      return deps.printer.print(pdf, { kind: 'test', name: 'prueba-de-impresion', folder });
    },
    'staff:leaveKioskMode': async ({ pin }) => {
      await staff.confirmPin(pin);
      return { left: deps.leaveKioskMode ? await deps.leaveKioskMode() : false };
    },
  };
}

import type { StaffRole } from '../../src/contract/index.js';
import { argon2Hasher } from '../../central/accounts/password-hashing.js';
import { createDatabase } from '../../central/db/index.js';
import { fleetConfig } from '../../central/fleet/config.js';
import { issueEnrolmentCode } from '../../central/fleet/enrolment.js';
import { addStaffMember } from '../../central/staff/members.js';
import { setStaffPin } from '../../central/staff/pin.js';
import type { TestLocation } from '../../central/testing/engines.js';

export type StaffAccount = {
  email: string;
  name: string;
  password: string;
  roles: readonly StaffRole[];
  pin?: string;
};

/**
 * The central's database opened beside a running central, as IT would from the command line:
 * staff members (with a PIN), enrolment codes, and a staff token through the central's own API.
 */
export function openCentralAdmin(location: TestLocation) {
  const central = createDatabase(
    location.databaseUrl ? { databaseUrl: location.databaseUrl } : { dataDir: location.dataDir },
  );
  const hasher = argon2Hasher();
  const fleet = () => ({ db: central.db, now: () => new Date(), config: fleetConfig() });
  return {
    db: central.db,
    fleet,
    async addStaff(member: StaffAccount): Promise<void> {
      const { pin, ...account } = member;
      await addStaffMember(central.db, hasher, account, new Date());
      if (pin) await setStaffPin(central.db, hasher, member.email, pin);
    },
    async enrolmentCode(branch = 'Sucursal Centro'): Promise<string> {
      return (await issueEnrolmentCode(fleet(), branch, null)).code;
    },
    /** A staff session on the central's API (the staff's own computer, not a kiosk). */
    async staffToken(centralUrl: string, member: StaffAccount): Promise<string> {
      const signedIn = await fetch(`${centralUrl}/api/v1/staff/sessions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: member.email, password: member.password }),
      });
      return ((await signedIn.json()) as { token: string }).token;
    },
    close: () => central.destroy(),
  };
}

export type CentralAdmin = ReturnType<typeof openCentralAdmin>;

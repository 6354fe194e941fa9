import { randomBytes } from 'node:crypto';
import { staffRoles, type StaffRole } from '../../src/contract/index.js';
import type { PasswordHasher } from '../accounts/password-hashing.js';
import type { CentralDb } from '../db/index.js';
import { addStaffMember } from './members.js';

/** The demo's staff: one member of each role, all with the same password, made at start. */
export type DemoStaff = { members: { email: string; role: StaffRole }[]; password: string };

const names: Record<StaffRole, string> = {
  mostrador: 'Mostrador Demo',
  revisor: 'Revisión Demo',
  sistemas: 'Sistemas Demo',
  admin: 'Administración Demo',
};

/**
 * Adds a member of each role (`<role>@copelco.example`) to a central that has no staff yet, with
 * a fresh random password that exists only in the answer (to print once): nothing of it is kept
 * but its hash, and a central that has staff is left alone (null).
 */
export async function seedDemoStaffIfEmpty(
  db: CentralDb,
  hasher: PasswordHasher,
  now: Date,
): Promise<DemoStaff | null> {
  const any = await db.selectFrom('staff_members').select('id').limit(1).execute();
  if (any.length > 0) return null;
  const password = randomBytes(12).toString('base64url');
  const members = staffRoles.map((role) => ({ email: `${role}@copelco.example`, role }));
  for (const { email, role } of members) {
    await addStaffMember(db, hasher, { email, name: names[role], password, roles: [role] }, now);
  }
  return { members, password };
}

/** What `npm start` and `npm run web` print: the back office and the demo staff, once. */
export function demoStaffLines(centralUrl: string, staff: DemoStaff | null): string[] {
  const lines = [`Oficina: ${centralUrl}/oficina`];
  if (staff) {
    lines.push(`  Personal de demostración (contraseña ${staff.password}, se muestra solo ahora):`);
    for (const { email, role } of staff.members) lines.push(`    ${role.padEnd(10)} ${email}`);
  }
  return lines;
}

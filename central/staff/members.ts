import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import { StaffRole, staffRoles } from '../../src/contract/index.js';
import type { PasswordHasher } from '../accounts/password-hashing.js';
import type { CentralDb } from '../db/index.js';
import { isUniqueViolation } from '../db/index.js';
import type { StaffMemberTable } from '../db/schema.js';

export type StaffMemberRow = Selectable<StaffMemberTable>;

export function findStaffByEmail(
  db: CentralDb,
  email: string,
): Promise<StaffMemberRow | undefined> {
  return db
    .selectFrom('staff_members')
    .selectAll()
    .where('email', '=', email)
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
}

/** The member's roles, in the order of `staffRoles`. */
export async function rolesOf(db: CentralDb, staffId: string): Promise<StaffRole[]> {
  const rows = await db
    .selectFrom('staff_member_roles')
    .select('role')
    .where('staff_id', '=', staffId)
    .execute();
  const held = new Set(rows.map((row) => row.role));
  return staffRoles.filter((role) => held.has(role));
}

export type NewStaffMember = {
  email: string;
  name: string;
  password: string;
  /** At least one; see `staffRoles`. */
  roles: readonly StaffRole[];
};

/**
 * Adds a staff member with their roles and the password hashed like customers' (argon2id).
 * Answers false when the email already belongs to one.
 */
export async function addStaffMember(
  db: CentralDb,
  hasher: PasswordHasher,
  member: NewStaffMember,
  now: Date,
): Promise<boolean> {
  const roles = StaffRole.array().min(1).parse(member.roles);
  const passwordHash = await hasher.hash(member.password);
  try {
    await db.transaction().execute(async (trx) => {
      const id = randomUUID();
      await trx
        .insertInto('staff_members')
        .values({
          id,
          email: member.email.trim().toLowerCase(),
          name: member.name.trim(),
          password_hash: passwordHash,
          created_at: now.toISOString(),
          disabled_at: null,
        })
        .execute();
      await grantRoles(trx, id, roles, now);
    });
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

/**
 * Replaces the roles of the member with that email (at least one). Answers false when there is
 * no such member.
 */
export async function setStaffRoles(
  db: CentralDb,
  email: string,
  roles: readonly StaffRole[],
  now: Date,
): Promise<boolean> {
  const wanted = StaffRole.array().min(1).parse(roles);
  return db.transaction().execute(async (trx) => {
    const member = await trx
      .selectFrom('staff_members')
      .select('id')
      .where('email', '=', email.trim().toLowerCase())
      .executeTakeFirst();
    if (!member) return false;
    await trx
      .deleteFrom('staff_member_roles')
      .where('staff_id', '=', member.id)
      .where('role', 'not in', wanted)
      .execute();
    const kept = new Set(await rolesOf(trx, member.id));
    await grantRoles(
      trx,
      member.id,
      wanted.filter((role) => !kept.has(role)),
      now,
    );
    return true;
  });
}

async function grantRoles(
  db: CentralDb,
  staffId: string,
  roles: readonly StaffRole[],
  now: Date,
): Promise<void> {
  const unique = [...new Set(roles)];
  if (unique.length === 0) return;
  await db
    .insertInto('staff_member_roles')
    .values(unique.map((role) => ({ staff_id: staffId, role, granted_at: now.toISOString() })))
    .execute();
}

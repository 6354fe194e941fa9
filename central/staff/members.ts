import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
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

export type NewStaffMember = { email: string; name: string; password: string };

/**
 * Adds a staff member with role `staff` and the password hashed like customers' (argon2id).
 * Answers false when the email already belongs to one.
 */
export async function addStaffMember(
  db: CentralDb,
  hasher: PasswordHasher,
  member: NewStaffMember,
  now: Date,
): Promise<boolean> {
  try {
    await db
      .insertInto('staff_members')
      .values({
        id: randomUUID(),
        email: member.email.trim().toLowerCase(),
        name: member.name.trim(),
        role: 'staff',
        password_hash: await hasher.hash(member.password),
        created_at: now.toISOString(),
        disabled_at: null,
      })
      .execute();
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

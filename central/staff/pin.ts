import { staffPinPattern } from '../../src/contract/index.js';
import type { PasswordHasher } from '../accounts/password-hashing.js';
import { sha256Hex } from '../accounts/secrets.js';
import type { CentralDb } from '../db/index.js';
import { isUniqueViolation } from '../db/index.js';
import type { StaffMemberRow } from './members.js';

/** Why a PIN is refused when it is set, in Spanish; null when it is fine. */
export function pinProblem(pin: string): string | null {
  if (!staffPinPattern.test(pin)) return 'El PIN tiene que tener de 6 a 8 números.';
  const digits = [...pin].map(Number);
  const steps = new Set(digits.slice(1).map((digit, at) => (digit - digits[at]! + 10) % 10));
  // 000000, 123456, 987654, 24680246…: the first PINs anyone tries.
  if (steps.size === 1) return 'Ese PIN es muy fácil de adivinar. Elegí otro.';
  return null;
}

/**
 * A badge's code as the scanner types it or a person does: case, spaces and dashes do not count.
 * It names the member (like an email); the PIN proves it is them.
 */
export function badgeHash(badge: string): string {
  return sha256Hex(`badge:${badge.toUpperCase().replace(/[\s-]/g, '')}`);
}

export function findStaffByBadge(
  db: CentralDb,
  badge: string,
): Promise<StaffMemberRow | undefined> {
  return db
    .selectFrom('staff_members')
    .selectAll()
    .where('badge_hash', '=', badgeHash(badge))
    .where('disabled_at', 'is', null)
    .executeTakeFirst();
}

/** Sets a member's PIN (argon2id, like passwords). False when no member has that email. */
export async function setStaffPin(
  db: CentralDb,
  hasher: PasswordHasher,
  email: string,
  pin: string,
): Promise<boolean> {
  const updated = await db
    .updateTable('staff_members')
    .set({ pin_hash: await hasher.hash(pin) })
    .where('email', '=', email)
    .executeTakeFirst();
  return Number(updated.numUpdatedRows) === 1;
}

/** Gives a member a badge: 'missing' without such a member, 'taken' when another has it. */
export async function setStaffBadge(
  db: CentralDb,
  email: string,
  badge: string,
): Promise<'set' | 'missing' | 'taken'> {
  try {
    const updated = await db
      .updateTable('staff_members')
      .set({ badge_hash: badgeHash(badge) })
      .where('email', '=', email)
      .executeTakeFirst();
    return Number(updated.numUpdatedRows) === 1 ? 'set' : 'missing';
  } catch (error) {
    if (isUniqueViolation(error)) return 'taken';
    throw error;
  }
}

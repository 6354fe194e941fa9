import { staffRoleLabels, type StaffRole, type StaffRoles } from '../../src/contract/index.js';
import type { CentralDb } from '../db/index.js';
import { CentralHttpError } from '../http-errors.js';
import { staffMessages } from '../requests/messages.js';
import { audit } from './audit.js';

/** Whoever a role check is about: the member (with their roles) and the kiosk they call from. */
export type RoleHolder = {
  member: { id: string; roles: readonly StaffRole[] };
  kioskId: string | null;
};

export function holdsAny(roles: readonly StaffRole[], allowed: StaffRoles): boolean {
  return roles.some((role) => allowed.includes(role));
}

/**
 * Lets the call through when the member holds one of `allowed` (the contract entry's `roles`);
 * otherwise audits the refusal (`forbidden-role`, with what was asked for and what the member
 * holds) and throws 403 `forbidden_role` with a Spanish message naming the roles needed.
 */
export async function requireRole(
  context: { db: CentralDb; now: () => Date },
  holder: RoleHolder,
  allowed: StaffRoles,
  what: string,
): Promise<void> {
  if (holdsAny(holder.member.roles, allowed)) return;
  await audit(
    context.db,
    {
      staffId: holder.member.id,
      kioskId: holder.kioskId,
      action: 'forbidden-role',
      detail: { route: what, required: [...allowed], held: [...holder.member.roles] },
    },
    context.now(),
  );
  throw new CentralHttpError(
    403,
    'forbidden_role',
    staffMessages.forbiddenRole(allowed.map((role) => staffRoleLabels[role])),
  );
}

import { randomUUID } from 'node:crypto';
import type { StaffAuditAction } from '../../src/contract/index.js';
import type { CentralDb } from '../db/index.js';

/** Every action the log knows (the contract lists them for the log's readers). */
export type StaffAction = StaffAuditAction;

export type AuditEntry = {
  staffId: string;
  kioskId: string | null;
  action: StaffAction;
  /** The customer and request the action was about, when there is one. */
  accountId?: string | null;
  requestId?: string | null;
  detail?: Record<string, unknown>;
};

/**
 * Every staff action, as it happens: who, at which kiosk, on which customer and request, what.
 * A change of state is audited in the change's own transaction (pass it as `db`), so the log
 * never misses a change nor records one that did not happen.
 */
export async function audit(db: CentralDb, entry: AuditEntry, now: Date): Promise<void> {
  await db
    .insertInto('staff_audit')
    .values({
      id: randomUUID(),
      staff_id: entry.staffId,
      kiosk_id: entry.kioskId,
      account_id: entry.accountId ?? null,
      request_id: entry.requestId ?? null,
      action: entry.action,
      detail: entry.detail ? JSON.stringify(entry.detail) : null,
      at: now.toISOString(),
    })
    .execute();
}

import type { z } from 'zod';
import {
  kioskShortName,
  StaffAuditAction,
  type StaffAuditPage,
  type StaffAuditQuery,
  type StaffAuditRecord,
} from '../../src/contract/index.js';
import type { CentralDb } from '../db/index.js';

/** A document number as staff type it: dots, dashes and spaces do not count. */
const documentDigits = (typed: string) => typed.toUpperCase().replace(/[\s.-]/g, '');

/**
 * The audit log, newest first, filtered by member (email), kiosk (id or short name), customer
 * (email or document number) and action. Filters are exact: an audit log is searched for one
 * person or one kiosk, not browsed by similar names.
 */
export async function readAuditLog(
  db: CentralDb,
  query: z.output<typeof StaffAuditQuery>,
): Promise<StaffAuditPage> {
  let selection = db
    .selectFrom('staff_audit')
    .innerJoin('staff_members', 'staff_members.id', 'staff_audit.staff_id')
    .leftJoin('accounts', 'accounts.id', 'staff_audit.account_id')
    .leftJoin('requests', 'requests.id', 'staff_audit.request_id');
  if (query.member)
    selection = selection.where('staff_members.email', '=', query.member.toLowerCase());
  if (query.kiosk) {
    const kiosk = query.kiosk;
    const ids = await db.selectFrom('kiosks').select('id').execute();
    const matching = ids
      .map((row) => row.id)
      .filter((id) => id === kiosk || kioskShortName(id) === kiosk.toUpperCase());
    selection = selection.where('staff_audit.kiosk_id', 'in', matching.length ? matching : [kiosk]);
  }
  if (query.customer) {
    const customer = query.customer;
    selection = selection.where((eb) =>
      eb.or([
        eb('accounts.email', '=', customer.toLowerCase()),
        eb('accounts.document_number', '=', documentDigits(customer)),
      ]),
    );
  }
  if (query.action) selection = selection.where('staff_audit.action', '=', query.action);

  const counted = await selection
    .select((eb) => eb.fn.countAll<number | string | bigint>().as('total'))
    .executeTakeFirstOrThrow();
  const rows = await selection
    .select([
      'staff_audit.id',
      'staff_audit.at',
      'staff_audit.action',
      'staff_audit.kiosk_id',
      'staff_audit.detail',
      'staff_members.email as member_email',
      'staff_members.name as member_name',
      'accounts.email as customer_email',
      'accounts.first_name',
      'accounts.last_name',
      'accounts.document_type',
      'accounts.document_number',
      'requests.number as request_number',
    ])
    .orderBy('staff_audit.at', 'desc')
    .orderBy('staff_audit.id', 'desc')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  const entries = rows.map((row): StaffAuditRecord => {
    const detail = row.detail ? (JSON.parse(row.detail) as Record<string, unknown>) : {};
    const named = typeof detail.requestNumber === 'string' ? detail.requestNumber : null;
    return {
      id: row.id,
      at: new Date(row.at).toISOString(),
      action: StaffAuditAction.catch('assisted-action').parse(row.action),
      member: { email: row.member_email, name: row.member_name },
      kioskId: row.kiosk_id,
      kioskShortName: row.kiosk_id ? kioskShortName(row.kiosk_id) : null,
      customer: row.customer_email
        ? {
            email: row.customer_email,
            name: `${row.first_name ?? ''} ${row.last_name ?? ''}`.trim(),
            documentType: row.document_type as NonNullable<
              StaffAuditRecord['customer']
            >['documentType'],
            documentNumber: row.document_number ?? '',
          }
        : null,
      requestNumber: row.request_number ?? named,
      detail,
    };
  });
  return {
    entries,
    page: query.page,
    pageSize: query.pageSize,
    total: Number(counted.total),
  };
}

/**
 * The customer and request an outbox item of a kiosk was for, by the number the central reserved
 * for it: the kiosk holds the customer's data sealed and never sends it in an audit entry.
 */
export async function outboxItemOwner(
  db: CentralDb,
  requestNumber: string | null,
): Promise<{ accountId: string | null; requestId: string | null }> {
  if (!requestNumber) return { accountId: null, requestId: null };
  const filed = await db
    .selectFrom('requests')
    .select(['id', 'account_id'])
    .where('number', '=', requestNumber)
    .executeTakeFirst();
  if (filed) return { accountId: filed.account_id, requestId: filed.id };
  const reserved = await db
    .selectFrom('delivery_tokens')
    .select('account_id')
    .where('request_number', '=', requestNumber)
    .executeTakeFirst();
  return { accountId: reserved?.account_id ?? null, requestId: null };
}

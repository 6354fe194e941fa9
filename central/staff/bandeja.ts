import { sql, type ExpressionBuilder } from 'kysely';
import type { z } from 'zod';
import {
  RequestState,
  requestStates,
  type StaffRequestQuery,
  type StaffRequestSummary,
} from '../../src/contract/index.js';
import type { CentralDb, CentralSchema } from '../db/index.js';
import { toSummary, type RequestRow } from '../requests/store.js';

type Query = z.output<typeof StaffRequestQuery>;
type Joined = ExpressionBuilder<
  CentralSchema & { k: CentralSchema['kiosks']; a: CentralSchema['accounts'] },
  'requests' | 'k' | 'a'
>;

/** A request with what its summary shows of its kiosk and customer. */
function joined(db: CentralDb) {
  return db
    .selectFrom('requests')
    .innerJoin('accounts as a', 'a.id', 'requests.account_id')
    .leftJoin('kiosks as k', 'k.id', 'requests.kiosk_id');
}
const summaryColumns = [
  'k.branch as branch',
  'a.email as customer_email',
  'a.first_name',
  'a.last_name',
  'a.document_type',
  'a.document_number',
] as const;

/** Argentina has no daylight saving time: its days start at 03:00 UTC. */
const argentinaOffset = '-03:00';

function dayStart(day: string): string {
  return new Date(`${day}T00:00:00.000${argentinaOffset}`).toISOString();
}

function nextDayStart(day: string): string {
  return new Date(Date.parse(dayStart(day)) + 24 * 60 * 60 * 1000).toISOString();
}

/**
 * What "Buscar" matches: a request number (`T-2026-000123`, or its last digits), a document
 * number (with or without dots) or part of the customer's name, case aside.
 */
function searchCondition(eb: Joined, text: string) {
  const digits = text.replace(/[.\-\s]/g, '');
  const alternatives = [eb('requests.number', '=', text.toUpperCase())];
  if (/^\d{1,12}$/.test(digits)) {
    alternatives.push(eb('a.document_number', '=', digits));
    alternatives.push(eb('requests.number', 'like', `T-%-${digits.padStart(6, '0')}`));
  }
  const words = text
    .toLowerCase()
    .split(/\s+/)
    .filter((word) => word.length > 0 && !/[%_\\]/.test(word));
  if (words.length > 0) {
    const name = sql<string>`lower(${eb.ref('a.first_name')} || ' ' || ${eb.ref('a.last_name')})`;
    alternatives.push(eb.and(words.map((word) => eb(name, 'like', `%${word}%`))));
  }
  return eb.or(alternatives);
}

/** The requests of the query's filters (every state), joined to their kiosk and customer. */
function filtered(db: CentralDb, query: Query) {
  let base = joined(db);
  if (query.type) base = base.where('requests.request_type_id', '=', query.type);
  if (query.branch) base = base.where('k.branch', '=', query.branch);
  if (query.from) base = base.where('requests.created_at', '>=', dayStart(query.from));
  if (query.to) base = base.where('requests.created_at', '<', nextDayStart(query.to));
  const text = query.q?.trim();
  if (text) base = base.where((eb) => searchCondition(eb as Joined, text));
  return base;
}

export type BandejaPage = {
  requests: StaffRequestSummary[];
  total: number;
  counts: Record<RequestState, number>;
};

/**
 * One page of "Bandeja": the requests that match, oldest first, with how many match in each
 * state. Two indexed queries and one for the page, whatever the number of requests.
 */
export async function bandejaPage(db: CentralDb, query: Query): Promise<BandejaPage> {
  const byState = await filtered(db, query)
    .select((eb) => ['requests.state', eb.fn.countAll().as('count')])
    .groupBy('requests.state')
    .execute();
  const counts = Object.fromEntries(requestStates.map((state) => [state, 0])) as Record<
    RequestState,
    number
  >;
  for (const row of byState) counts[RequestState.parse(row.state)] = Number(row.count);
  const total = query.state
    ? counts[query.state]
    : Object.values(counts).reduce((sum, count) => sum + count, 0);

  let page = filtered(db, query);
  if (query.state) page = page.where('requests.state', '=', query.state);
  const rows = await page
    .selectAll('requests')
    .select(summaryColumns)
    .orderBy('requests.created_at')
    .orderBy('requests.number')
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .execute();
  return { requests: rows.map(staffSummary), total, counts };
}

type SummaryRow = RequestRow & {
  branch: string | null;
  customer_email: string;
  first_name: string;
  last_name: string;
  document_type: string;
  document_number: string;
};

function staffSummary(row: SummaryRow): StaffRequestSummary {
  const { unreadNotifications, ...summary } = toSummary(row, 0);
  void unreadNotifications; // customers' count: staff do not read notifications
  return {
    ...summary,
    branch: row.branch,
    customer: {
      email: row.customer_email,
      firstName: row.first_name,
      lastName: row.last_name,
      documentType: row.document_type as StaffRequestSummary['customer']['documentType'],
      documentNumber: row.document_number,
    },
  };
}

/** One request as "Bandeja" lists it (its customer and branch). */
export async function staffSummaryOf(db: CentralDb, id: string): Promise<StaffRequestSummary> {
  const row = await joined(db)
    .selectAll('requests')
    .select(summaryColumns)
    .where('requests.id', '=', id)
    .executeTakeFirstOrThrow();
  return staffSummary(row);
}

/** Who took the request: the last member who moved it into `en-revision`. */
export async function assigneeOf(
  db: CentralDb,
  id: string,
): Promise<{ email: string; name: string } | null> {
  const row = await db
    .selectFrom('request_history')
    .innerJoin('staff_members', 'staff_members.id', 'request_history.staff_id')
    .select(['staff_members.email', 'staff_members.name'])
    .where('request_history.request_id', '=', id)
    .where('request_history.state', '=', 'en-revision')
    .orderBy('request_history.position', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ?? null;
}

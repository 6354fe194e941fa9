import type { CentralDb } from '../db/index.js';
import { calendarDay } from '../supplies/store.js';

/**
 * The next public number of the year where the cooperative is: "T-2026-000123". One statement
 * (insert, or add one), so two requests at the same moment never get the same number. A number
 * reserved for a delivery that never comes is a gap, never reused.
 */
export async function allocateRequestNumber(
  db: CentralDb,
  now: Date,
  timeZone: string,
): Promise<string> {
  const year = Number(calendarDay(now, timeZone).slice(0, 4));
  const row = await db
    .insertInto('request_numbers')
    .values({ year, last_number: 1 })
    .onConflict((conflict) =>
      conflict
        .column('year')
        .doUpdateSet((eb) => ({ last_number: eb('request_numbers.last_number', '+', 1) })),
    )
    .returning('last_number')
    .executeTakeFirstOrThrow();
  return `T-${year}-${String(row.last_number).padStart(6, '0')}`;
}

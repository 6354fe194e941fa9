import { argentinaTimeZone } from '../../src/domain/time-zone.js';
// Dates of requests as read in Argentina: day first, 24-hour clock (ICU's es-AR default may add
// «p. m.»), in Argentina's time zone.
const day = new Intl.DateTimeFormat('es-AR', {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  timeZone: argentinaTimeZone,
});
const dayAndTime = new Intl.DateTimeFormat('es-AR', {
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: argentinaTimeZone,
});

/** "28/11/2026" */
export function formatDay(iso: string): string {
  return day.format(new Date(iso));
}

/** "28/11/2026 14:35" */
export function formatDayAndTime(iso: string): string {
  return dayAndTime.format(new Date(iso)).replace(', ', ' ');
}

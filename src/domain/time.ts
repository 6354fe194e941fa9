import { argentinaTimeZone } from './time-zone.js';

/**
 * Times as people at the cooperative's branches read them: Argentina's time zone and a 24-hour
 * clock, whatever the zone and locale of the machine printing them (ICU's es-AR default writes
 * "2:21 a. m.", whose own period doubles a sentence's).
 */
const dateAndTime = new Intl.DateTimeFormat('es-AR', {
  dateStyle: 'short',
  timeStyle: 'short',
  hourCycle: 'h23',
  timeZone: argentinaTimeZone,
});

const clockTime = new Intl.DateTimeFormat('es-AR', {
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: argentinaTimeZone,
});

/** "3/12/26, 23:21". */
export function formatArgentinaDateTime(at: Date): string {
  return dateAndTime.format(at);
}

/** "23:49". */
export function formatArgentinaClock(at: Date): string {
  return clockTime.format(at);
}

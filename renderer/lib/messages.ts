import { argentinaTimeZone } from '../../src/domain/time-zone.js';
import esAR from '../messages/es-AR.json';

export type MessageKey = keyof typeof esAR;

/** Every text a customer reads comes from the message file; `{name}` placeholders are filled in. */
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  return esAR[key].replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

// Short and 24-hour ("28 nov, 14:35"): it shares the top bar with the buttons every screen has.
const timeFormat = new Intl.DateTimeFormat('es-AR', {
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: argentinaTimeZone,
});

export function formatDateTime(iso: string): string {
  return timeFormat.format(new Date(iso));
}

// 24-hour, as clocks read in Argentina (ICU's es-AR default may add «p. m.»).
const clockTime = new Intl.DateTimeFormat('es-AR', {
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
  timeZone: argentinaTimeZone,
});

/** "14:35", in Argentina's time zone. */
export function formatTime(iso: string): string {
  return clockTime.format(new Date(iso));
}

const pesos = new Intl.NumberFormat('es-AR', { style: 'currency', currency: 'ARS' });

/** 1234567 → "$ 12.345,67" (Intl's es-AR format; the space is a no-break space). */
export function formatPesos(amountCents: number): string {
  return pesos.format(amountCents / 100);
}

const longDate = new Intl.DateTimeFormat('es-AR', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** "2026-12-10" → "10 de diciembre de 2026": a calendar date, the same in every time zone. */
export function formatCalendarDate(iso: string): string {
  return longDate.format(new Date(`${iso}T00:00:00Z`));
}

const monthYear = new Intl.DateTimeFormat('es-AR', {
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** "2026-11" → "noviembre de 2026". */
export function formatPeriod(period: string): string {
  return monthYear.format(new Date(`${period}-01T00:00:00Z`));
}

import { describe, expect, it } from 'vitest';
import { calendarDate, invoiceKey, parseAmountCents, period, slug } from './csv-values.js';

describe('billing export values', () => {
  it('reads pesos into whole cents without floating point', () => {
    expect(parseAmountCents('1234,56')).toBe(123456);
    expect(parseAmountCents('1234.56')).toBe(123456);
    expect(parseAmountCents('1.234,56')).toBe(123456);
    expect(parseAmountCents('12.345.678,90')).toBe(1234567890);
    expect(parseAmountCents('$ 1234')).toBe(123400);
    expect(parseAmountCents('0,1')).toBe(10);
    // 0.29 * 100 is 28.999999999999996 in floating point.
    expect(parseAmountCents('0.29')).toBe(29);
    expect(parseAmountCents('90071992547409,92')).toBeNaN();
    for (const bad of ['', '-5', '1.234', '1,234.56', '12,345', 'mil', '1e3', '1.2.3']) {
      expect(parseAmountCents(bad)).toBeNull();
    }
  });

  it('reads dates and periods in both ways exports write them', () => {
    expect(calendarDate.parse('25/05/1980')).toBe('1980-05-25');
    expect(calendarDate.parse(' 1980-05-25 ')).toBe('1980-05-25');
    expect(calendarDate.safeParse('29/02/2023').success).toBe(false);
    expect(calendarDate.safeParse('1899-12-31').success).toBe(false);
    expect(period.parse('3/2026')).toBe('2026-03');
    expect(period.parse('2026-11')).toBe('2026-11');
    expect(period.safeParse('2026-13').success).toBe(false);
    expect(period.safeParse('202611').success).toBe(false);
  });

  it('compares choices and invoice numbers as people write them', () => {
    expect(slug(' Servicio  Social ')).toBe('servicio-social');
    expect(slug('EN TRÁMITE')).toBe('en-tramite');
    expect(invoiceKey('a-0001 0000.0077')).toBe('A000100000077');
  });
});

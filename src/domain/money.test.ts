import { describe, expect, it } from 'vitest';
import { formatCalendarDate, formatPeriod, formatPesos } from './money.js';

describe('money and dates for customers', () => {
  it('writes pesos as in Argentina', () => {
    expect(formatPesos(1234567).replace(/\s/g, ' ')).toBe('$ 12.345,67');
    expect(formatPesos(5).replace(/\s/g, ' ')).toBe('$ 0,05');
  });

  it('writes calendar dates without shifting the day', () => {
    expect(formatCalendarDate('2026-12-01')).toBe('1 de diciembre de 2026');
    expect(formatPeriod('2026-11')).toBe('noviembre de 2026');
  });
});

import { describe, expect, it } from 'vitest';
import { formatMoney } from '../sections/board/format';
import { dateFormat, numberFormat } from './formatters';

describe('cached Intl formatters', () => {
  it('gives the same formatter for the same language and options, another for other ones', () => {
    const a = dateFormat('pl', { dateStyle: 'medium', timeZone: 'UTC' });
    expect(dateFormat('pl', { dateStyle: 'medium', timeZone: 'UTC' })).toBe(a);
    expect(dateFormat('en', { dateStyle: 'medium', timeZone: 'UTC' })).not.toBe(a);
    expect(dateFormat('pl', { dateStyle: 'long', timeZone: 'UTC' })).not.toBe(a);
    expect(a.format(new Date('2026-12-01T00:00:00Z'))).toBe('1 gru 2026');
  });

  it('refuses a currency Intl does not know each time, so the money formatter falls back to the bare amount', () => {
    expect(() => numberFormat('pl', { style: 'currency', currency: 'X1' })).toThrow(RangeError);
    expect(() => numberFormat('pl', { style: 'currency', currency: 'X1' })).toThrow(RangeError);
    expect(formatMoney(123456, 'X1', 'pl')).toBe('1234.56 X1');
    expect(formatMoney(4860000, 'PLN', 'pl')).toMatch(/^48\s600,00\szł$/);
  });
});

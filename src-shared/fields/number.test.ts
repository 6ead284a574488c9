import { describe, expect, it } from 'vitest';
import { decimalsOf, parseLocaleNumber } from './number';

const value = (text: string, maxDecimals?: number) => {
  const parsed = parseLocaleNumber(text, { maxDecimals });
  return parsed.ok ? parsed.value : parsed.reason;
};

describe('parseLocaleNumber', () => {
  it('reads Polish writing: comma decimals, space (also no-break and thin space) thousands', () => {
    expect(value('1 234,56')).toBe(1234.56);
    expect(value('1\u00A0234,56')).toBe(1234.56);
    expect(value('1\u202F234\u202F567,5')).toBe(1234567.5);
    expect(value('1234,56')).toBe(1234.56);
    expect(value('1.234,56')).toBe(1234.56);
    expect(value('0,5')).toBe(0.5);
    expect(value(',5')).toBe(0.5);
    expect(value('-1 234,5')).toBe(-1234.5);
    expect(value('\u22123,25')).toBe(-3.25);
    expect(value('12,5')).toBe(12.5);
  });

  it('reads English writing: dot decimals, comma thousands', () => {
    expect(value('1,234.56')).toBe(1234.56);
    expect(value('1234.56')).toBe(1234.56);
    expect(value('1,234,567')).toBe(1234567);
    expect(value('1,234,567.89')).toBe(1234567.89);
    expect(value('+42')).toBe(42);
    expect(value('0.125')).toBe(0.125);
    expect(value('  7  ')).toBe(7);
  });

  it('counts decimals as written, trailing zeros aside', () => {
    expect(parseLocaleNumber('12,50')).toEqual({ ok: true, value: 12.5, decimals: 1 });
    expect(parseLocaleNumber('1 000,00')).toEqual({ ok: true, value: 1000, decimals: 0 });
    expect(parseLocaleNumber('3.14159')).toEqual({ ok: true, value: 3.14159, decimals: 5 });
  });

  it('refuses "1,234" and "1.234" as ambiguous unless the field allows fewer than three decimals', () => {
    expect(value('1,234')).toBe('ambiguous');
    expect(value('1.234')).toBe('ambiguous');
    expect(value('1,234', 3)).toBe('ambiguous');
    expect(value('1,234', 2)).toBe(1234);
    expect(value('1.500', 0)).toBe(1500);
    // Not three digits after the mark, or a leading zero: only a decimal reading exists.
    expect(value('1,2345')).toBe(1.2345);
    expect(value('0,123')).toBe(0.123);
    expect(value('1234,567')).toBe(1234.567);
  });

  it('refuses what is not a number', () => {
    for (const bad of ['', ' ', 'abc', '12a', '1e5', 'Infinity', 'NaN', '12,', ',', '1,2,3', '12,34,5', '1.2.3,4,5', '1,234.5.6', '1  234', '1 23', '12 345 67', '1 234.567,8', '- 5', '--5', '0x10', '１２']) {
      expect(value(bad), JSON.stringify(bad)).toBe('invalid');
    }
  });

  it('refuses more digits than a double holds exactly', () => {
    expect(value('123456789012345')).toBe(123456789012345);
    expect(value('1234567890123456')).toBe('invalid');
    expect(value('0,000000000000001')).toBe(1e-15);
  });

  it('never returns negative zero', () => {
    expect(Object.is(value('-0,00'), 0)).toBe(true);
  });
});

describe('decimalsOf', () => {
  it('counts decimal places of a number value', () => {
    expect(decimalsOf(3)).toBe(0);
    expect(decimalsOf(-12.25)).toBe(2);
    expect(decimalsOf(1e-7)).toBeNull();
  });
});

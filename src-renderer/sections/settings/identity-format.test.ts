import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src-shared/contract/errors';
import { formatCertTime, formatLimit, groupFingerprint, withLocalDates } from './identity-format';

describe('identity formatting', () => {
  it('groups a SHA-256 fingerprint in sixteen upper-case groups of four', () => {
    const hex = '0123456789abcdef'.repeat(4);
    const grouped = groupFingerprint(hex);
    expect(grouped.split(' ')).toHaveLength(16);
    expect(grouped.startsWith('0123 4567 89AB CDEF 0123')).toBe(true);
    expect(grouped.replace(/ /g, '').toLowerCase()).toBe(hex);
  });

  it('shows a date in the UI language and an unreadable value as it is', () => {
    expect(formatCertTime('2031-05-04T10:00:00.000Z', 'en', false)).toContain('2031');
    expect(formatCertTime('2031-05-04T10:00:00.000Z', 'pl', false)).toMatch(/maj|05/);
    expect(formatCertTime('not a date', 'en')).toBe('not a date');
  });

  it('turns the ISO times of a refusal into dates and leaves other errors alone', () => {
    const expired = withLocalDates(new AppError('VALIDATION', 'identity.p12.expired', { to: '2020-01-31T12:00:00.000Z' }), 'en');
    expect(expired).toBeInstanceOf(AppError);
    expect((expired as AppError).details?.to).toBe('Jan 31, 2020');
    const other = new AppError('VALIDATION', 'identity.p12.wrongPassword');
    expect(withLocalDates(other, 'en')).toBe(other);
  });

  it('states size limits in the unit people expect', () => {
    expect(formatLimit(1024 * 1024)).toBe('1 MB');
    expect(formatLimit(256 * 1024)).toBe('256 KB');
  });
});

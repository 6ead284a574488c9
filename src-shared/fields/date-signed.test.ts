import { describe, expect, it } from 'vitest';
import { formatDateSigned, isIsoDate, signingDate } from './date-signed';

describe('date signed', () => {
  it('is the calendar date in the signer’s time zone', () => {
    const at = new Date('2025-03-13T23:30:00Z');
    expect(signingDate(at, 'Europe/Warsaw')).toBe('2025-03-14');
    expect(signingDate(at, 'UTC')).toBe('2025-03-13');
    expect(signingDate(at, 'America/New_York')).toBe('2025-03-13');
    expect(isIsoDate(signingDate(new Date()))).toBe(true);
  });

  it('checks ISO dates against the calendar', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2023-02-29')).toBe(false);
    expect(isIsoDate('2024-13-01')).toBe(false);
    expect(isIsoDate('2024-1-01')).toBe(false);
  });

  it('prints in the placement’s format', () => {
    expect(formatDateSigned('2025-03-04', 'yyyy-MM-dd')).toBe('2025-03-04');
    expect(formatDateSigned('2025-03-04', 'dd.MM.yyyy')).toBe('04.03.2025');
    expect(formatDateSigned('2025-03-04', 'dd/MM/yyyy')).toBe('04/03/2025');
    expect(formatDateSigned('2025-03-04', 'MM/dd/yyyy')).toBe('03/04/2025');
  });
});

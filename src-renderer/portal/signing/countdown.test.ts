import { describe, expect, it } from 'vitest';
import { formatCountdown, retryAt, secondsUntil } from './countdown';

const now = Date.parse('2025-03-10T12:00:00.000Z');

describe('the resend countdown', () => {
  it('counts whole seconds up to the next code, rounded up, never below zero', () => {
    expect(secondsUntil('2025-03-10T12:01:00.000Z', now)).toBe(60);
    expect(secondsUntil('2025-03-10T12:00:00.200Z', now)).toBe(1);
    expect(secondsUntil('2025-03-10T12:00:00.000Z', now)).toBe(0);
    expect(secondsUntil('2025-03-10T11:59:00.000Z', now)).toBe(0);
    expect(secondsUntil(null, now)).toBe(0);
    expect(secondsUntil('not a date', now)).toBe(0);
  });

  it('shows m:ss', () => {
    expect(formatCountdown(60)).toBe('1:00');
    expect(formatCountdown(75)).toBe('1:15');
    expect(formatCountdown(9)).toBe('0:09');
    expect(formatCountdown(0)).toBe('0:00');
    expect(formatCountdown(3600)).toBe('60:00');
    expect(formatCountdown(-5)).toBe('0:00');
  });

  it('reads when a refused resend may be tried again from the refusal: seconds (too soon) or minutes (too many)', () => {
    expect(retryAt({ seconds: 42 }, now)).toBe('2025-03-10T12:00:42.000Z');
    expect(retryAt({ max: 5, minutes: 17 }, now)).toBe('2025-03-10T12:17:00.000Z');
    expect(retryAt({}, now)).toBeNull();
    expect(retryAt(undefined, now)).toBeNull();
    expect(retryAt({ seconds: '42' }, now)).toBeNull();
  });
});

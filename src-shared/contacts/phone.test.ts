import { describe, expect, it } from 'vitest';
import { formatPhone, toE164 } from './phone';

describe('phone numbers', () => {
  it('reads Polish numbers without a prefix and foreign ones with it', () => {
    expect(toE164('601 234 567')).toBe('+48601234567');
    expect(toE164('(22) 628-44-10')).toBe('+48226284410');
    expect(toE164('+49 30 901820')).toBe('+4930901820');
    expect(toE164('0044 20 7946 0958')).toBe('+442079460958');
  });
  it('rejects what is not a number anywhere', () => {
    for (const bad of ['12', '601 234 56', 'call me', '+48 000 000 000', '']) expect(toE164(bad)).toBeNull();
  });
  it('formats for display', () => {
    expect(formatPhone('+48601234567')).toBe('+48 601 234 567');
  });
});

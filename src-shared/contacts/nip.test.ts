import { describe, expect, it } from 'vitest';
import { formatNip, isValidNip, normalizeNip } from './nip';

describe('NIP', () => {
  it('accepts valid numbers in the ways people write them', () => {
    for (const nip of ['5250001233', '525-000-12-33', '525 000 12 33', 'PL5250001233', 'pl 779-200-33-47']) expect(isValidNip(nip)).toBe(true);
  });
  it('rejects a wrong check digit, a remainder of 10, wrong length and letters', () => {
    for (const nip of ['5250001234', '1234567890', '525000123', '52500012333', '52500O1233', '']) expect(isValidNip(nip)).toBe(false);
    // 123456789 has weighted sum ≡ 10 (mod 11): no check digit can make it valid.
    for (let d = 0; d <= 9; d++) expect(isValidNip(`123456789${d}`)).toBe(false);
  });
  it('normalises and formats', () => {
    expect(normalizeNip('PL 525-000-12-33')).toBe('5250001233');
    expect(formatNip('5250001233')).toBe('525-000-12-33');
  });
});

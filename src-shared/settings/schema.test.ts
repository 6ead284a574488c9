import { describe, expect, it } from 'vitest';
import { resolveLanguage } from './schema';

describe('resolveLanguage', () => {
  it('follows the first supported OS language unless one is pinned', () => {
    expect(resolveLanguage('system', ['pl-PL', 'en-US'])).toBe('pl');
    expect(resolveLanguage('system', ['de-DE', 'en-GB'])).toBe('en');
    expect(resolveLanguage('system', ['de-DE'])).toBe('en');
    expect(resolveLanguage('en', ['pl-PL'])).toBe('en');
    expect(resolveLanguage('pl', [])).toBe('pl');
  });
});

import { describe, expect, it } from 'vitest';
import { shellLanguage, shellText, startFailureMessage } from './shell-text';

describe('shell text', () => {
  it.each([
    ['pl', 'pl'],
    ['pl-PL', 'pl'],
    ['PL_pl', 'pl'],
    ['en-US', 'en'],
    ['de', 'en'],
    ['plx', 'en'],
    ['', 'en'],
    [undefined, 'en'],
  ] as const)('%s → %s', (locale, expected) => {
    expect(shellLanguage(locale)).toBe(expected);
  });

  it('has every label in both languages, and they differ', () => {
    const pl = shellText('pl-PL');
    const en = shellText('en-GB');
    expect(Object.keys(pl).sort()).toEqual(Object.keys(en).sort());
    for (const value of [...Object.values(pl), ...Object.values(en)]) expect(value.trim()).not.toBe('');
    expect(pl.file).toBe('&Plik');
    expect(en.file).toBe('&File');
  });

  it('explains a store written by a newer version', () => {
    const text = shellText('pl');
    expect(startFailureMessage(text, 'STORE_NEWER_VERSION')).toBe(text.storeNewerVersion);
    expect(startFailureMessage(text, 'STORE_UNAVAILABLE')).toBe(text.storeUnavailable);
    expect(startFailureMessage(text, undefined)).toBe(text.startFailed);
  });
});

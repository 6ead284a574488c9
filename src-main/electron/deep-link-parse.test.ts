import { describe, expect, it } from 'vitest';
import { describeDeepLink, findDeepLinkArg, maxDeepLinkLength, parseDeepLink } from './deep-link-parse';

describe('parseDeepLink', () => {
  it('reads the route as segments, host first', () => {
    expect(parseDeepLink('signet://documents/42')).toEqual({ segments: ['documents', '42'], params: {} });
    expect(parseDeepLink('signet://documents/42/')).toEqual({ segments: ['documents', '42'], params: {} });
    expect(parseDeepLink('SIGNET://documents/42')?.segments).toEqual(['documents', '42']);
    expect(parseDeepLink('signet:documents/42')?.segments).toEqual(['documents', '42']);
    expect(parseDeepLink('signet://documents/v1.2/..x')?.segments).toEqual(['documents', 'v1.2', '..x']);
  });

  it('decodes each segment once and reads query parameters (first value wins)', () => {
    const link = parseDeepLink('signet://contacts/Zaż%C3%B3łć%20gęślą?tab=notes&tab=other&x=1#ignored');
    expect(link?.segments).toEqual(['contacts', 'Zażółć gęślą']);
    expect(link?.params).toEqual({ tab: 'notes', x: '1' });
  });

  it.each([
    ['another scheme', 'https://signet/documents/42'],
    ['a file URL', 'file:///etc/passwd'],
    ['no route', 'signet://'],
    ['credentials', 'signet://user:pw@documents/42'],
    ['a port', 'signet://documents:8080/42'],
    ['a dot-dot segment', 'signet://documents/../x'],
    ['a dot segment', 'signet://documents/./x'],
    ['an encoded dot-dot segment', 'signet://documents/%2e%2E/x'],
    ['an encoded dot-dot host', 'signet://%2e%2e/x'],
    ['an encoded slash inside a segment', 'signet://documents/a%2Fb'],
    ['an encoded backslash', 'signet://documents/a%5Cb'],
    ['a control character', 'signet://documents/a%00b'],
    ['a control character in a parameter', 'signet://documents/42?x=%0A'],
    ['malformed percent-encoding', 'signet://documents/%E0%A4%A'],
    ['too many segments', `signet://${Array.from({ length: 17 }, () => 'a').join('/')}`],
    ['too many parameters', `signet://documents?${Array.from({ length: 21 }, (_, i) => `p${i}=1`).join('&')}`],
    ['an over-long link', `signet://documents/${'a'.repeat(maxDeepLinkLength)}`],
    ['garbage', 'not a link'],
    ['an empty string', ''],
  ])('refuses %s', (_label, raw) => {
    expect(parseDeepLink(raw)).toBeNull();
  });

  it('refuses what is not a string', () => {
    expect(parseDeepLink(undefined)).toBeNull();
    expect(parseDeepLink(42)).toBeNull();
    expect(parseDeepLink({ toString: () => 'signet://documents/42' })).toBeNull();
  });
});

describe('findDeepLinkArg', () => {
  it('finds the link among Chromium switches and the app path (second-instance argv)', () => {
    const argv = ['C:\\Program Files\\Signet\\Signet.exe', '--allow-file-access-from-files', 'signet://documents/42'];
    expect(findDeepLinkArg(argv)).toBe('signet://documents/42');
    expect(findDeepLinkArg(['/usr/bin/signet', 'SIGNET://x'])).toBe('SIGNET://x');
  });

  it('returns undefined without a link', () => {
    expect(findDeepLinkArg(['/usr/bin/signet', '--no-sandbox', '/home/a/signet.pdf'])).toBeUndefined();
    expect(findDeepLinkArg([])).toBeUndefined();
  });
});

describe('describeDeepLink', () => {
  it('leaves the parameters out of the log line', () => {
    const link = parseDeepLink('signet://sign/abc?token=secret');
    expect(link && describeDeepLink(link)).toBe('signet://sign/abc');
  });
});

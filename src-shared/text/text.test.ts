import { describe, expect, it } from 'vitest';
import { decodeText } from './decode';
import { foldForSearch } from './fold';

describe('foldForSearch', () => {
  it('removes Polish diacritics including ł, lower-cases and squeezes spaces', () => {
    expect(foldForSearch('  Zażółć   GĘŚLĄ jaźń  Łódź ')).toBe('zazolc gesla jazn lodz');
  });
});

describe('decodeText', () => {
  it('follows a BOM, else strict UTF-8, else Windows-1250', () => {
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0xc5, 0x81]))).toEqual({ text: 'Ł', encoding: 'utf-8' });
    expect(decodeText(new Uint8Array([0xff, 0xfe, 0x41, 0x01]))).toEqual({ text: 'Ł', encoding: 'utf-16le' });
    expect(decodeText(new Uint8Array([0xc5, 0x81, 0xc3, 0xb3]))).toEqual({ text: 'Łó', encoding: 'utf-8' });
    expect(decodeText(new Uint8Array([0xa3, 0xf3, 0x64, 0x9f]))).toEqual({ text: 'Łódź', encoding: 'windows-1250' });
  });
});

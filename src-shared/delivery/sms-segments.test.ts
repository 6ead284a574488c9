import { describe, expect, it } from 'vitest';
import { countSmsSegments, isGsm7 } from './sms-segments';

describe('SMS segments', () => {
  it('keeps Polish written without diacritics in GSM 7-bit', () => {
    const text = 'Dzien dobry, prosimy o podpisanie umowy UM/2026/05/0042: https://podpis.example.pl/s/abc?x=1 (do 30.05).';
    expect(isGsm7(text)).toBe(true);
    expect(countSmsSegments(text)).toEqual({ encoding: 'gsm7', segments: 1, charactersLeftInSegment: 160 - text.length, units: text.length });
  });

  it('counts a message with Polish letters in UCS-2', () => {
    expect(countSmsSegments('Zażółć gęślą jaźń')).toEqual({ encoding: 'ucs2', segments: 1, charactersLeftInSegment: 53, units: 17 });
    // 71 characters of Polish: two UCS-2 segments of at most 67 units.
    const long = 'Prośba o podpis: umowa nr 42 czeka na Państwa podpis w aplikacji Signet.';
    expect(long.length).toBe(72);
    expect(countSmsSegments(long)).toMatchObject({ encoding: 'ucs2', segments: 2, charactersLeftInSegment: 67 - (72 - 67) });
  });

  it('fits 160 GSM characters in one SMS and splits 161 into two of 153', () => {
    expect(countSmsSegments('a'.repeat(160))).toMatchObject({ encoding: 'gsm7', segments: 1, charactersLeftInSegment: 0 });
    expect(countSmsSegments('a'.repeat(161))).toMatchObject({ segments: 2, charactersLeftInSegment: 153 * 2 - 161 });
    expect(countSmsSegments('a'.repeat(306))).toMatchObject({ segments: 2, charactersLeftInSegment: 0 });
    expect(countSmsSegments('a'.repeat(307))).toMatchObject({ segments: 3, charactersLeftInSegment: 152 });
  });

  it('fits 70 UCS-2 characters in one SMS and splits 71 into two of 67', () => {
    expect(countSmsSegments('ą'.repeat(70))).toMatchObject({ encoding: 'ucs2', segments: 1, charactersLeftInSegment: 0 });
    expect(countSmsSegments('ą'.repeat(71))).toMatchObject({ encoding: 'ucs2', segments: 2, charactersLeftInSegment: 67 * 2 - 71 });
    expect(countSmsSegments('ą'.repeat(134))).toMatchObject({ segments: 2, charactersLeftInSegment: 0 });
  });

  it('counts the extension table (€ [ ] { } ^ ~ | \\ form feed) as two septets and keeps it GSM', () => {
    expect(countSmsSegments('€')).toEqual({ encoding: 'gsm7', segments: 1, charactersLeftInSegment: 158, units: 2 });
    expect(countSmsSegments('[]{}^~|\\\f€').units).toBe(20);
    // 80 euro signs are 160 septets: one SMS; one more character makes two.
    expect(countSmsSegments('€'.repeat(80))).toMatchObject({ segments: 1, charactersLeftInSegment: 0 });
    expect(countSmsSegments(`${'€'.repeat(80)}a`)).toMatchObject({ segments: 2 });
    // An escape pair is never split: 152 septets then "€" does not fit the first 153-septet segment.
    expect(countSmsSegments(`${'a'.repeat(152)}€${'a'.repeat(10)}`)).toMatchObject({ segments: 2, charactersLeftInSegment: 153 - 12 });
  });

  it('counts an emoji as two UCS-2 units and never splits its surrogate pair', () => {
    expect(countSmsSegments('OK 👍')).toEqual({ encoding: 'ucs2', segments: 1, charactersLeftInSegment: 65, units: 5 });
    expect(countSmsSegments('👍'.repeat(35))).toMatchObject({ segments: 1, charactersLeftInSegment: 0, units: 70 });
    expect(countSmsSegments('👍'.repeat(36))).toMatchObject({ segments: 2, units: 72 });
    // 66 units then an emoji: the pair goes whole into the second segment.
    expect(countSmsSegments(`${'ą'.repeat(66)}👍${'ą'.repeat(5)}`)).toMatchObject({ segments: 2, charactersLeftInSegment: 67 - 7 });
  });

  it('knows which Latin letters GSM has and which it lacks', () => {
    expect(isGsm7('èéùìòÇØøÅåÆæßÉÄÖÑÜäöñüà§¿¡£¥@$')).toBe(true);
    for (const c of ['ó', 'ł', 'ś', 'ç', '`', 'á', '\t']) expect(isGsm7(c)).toBe(false);
    expect(countSmsSegments('')).toEqual({ encoding: 'gsm7', segments: 0, charactersLeftInSegment: 160, units: 0 });
  });
});

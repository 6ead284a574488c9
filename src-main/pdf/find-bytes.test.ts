import { describe, expect, it } from 'vitest';
import { indexOfBytes, lastIndexOfBytes } from './find-bytes';

describe('searching a long needle by its head', () => {
  const needle = Buffer.from('/ByteRange');
  // Heads without the rest, a match at each end, and a head cut off by the end of the buffer.
  const buf = Buffer.from('/ByteRange x /ByteRx /ByteRang /ByteRange /ByteRa');

  it('finds every occurrence, and only whole ones, as Buffer#indexOf does', () => {
    const found: number[] = [];
    for (let at = indexOfBytes(buf, needle); at >= 0; at = indexOfBytes(buf, needle, at + 1)) found.push(at);
    const expected: number[] = [];
    for (let at = buf.indexOf(needle); at >= 0; at = buf.indexOf(needle, at + 1)) expected.push(at);
    expect(found).toEqual(expected);
    expect(found).toEqual([0, 31]);
  });

  it('finds the last occurrence, and nothing where there is none', () => {
    expect(lastIndexOfBytes(buf, needle)).toBe(31);
    expect(lastIndexOfBytes(buf.subarray(0, 30), needle)).toBe(0);
    expect(lastIndexOfBytes(buf.subarray(1, 30), needle)).toBe(-1);
    expect(indexOfBytes(buf.subarray(1, 30), needle)).toBe(-1);
    expect(lastIndexOfBytes(Buffer.from('/Obj'), Buffer.from('/ObjStm'))).toBe(-1);
  });
});

import { describe, expect, it } from 'vitest';
import { ClockDriftError, compareStamps, decodeStamp, encodeStamp, maxDriftMs, receive, tick, zeroStamp } from './hlc';

describe('the hybrid logical clock', () => {
  it('grows with every write, also when the wall clock stands still or jumps back', () => {
    let s = tick(zeroStamp('a'), 1000, 'a');
    expect(s).toEqual({ wall: 1000, counter: 0, node: 'a' });
    const same = tick(s, 1000, 'a');
    const back = tick(same, 400, 'a');
    expect(compareStamps(same, s)).toBe(1);
    expect(compareStamps(back, same)).toBe(1);
    expect(back).toEqual({ wall: 1000, counter: 2, node: 'a' });
    s = tick(back, 1001, 'a');
    expect(s).toEqual({ wall: 1001, counter: 0, node: 'a' });
  });

  it('after receiving a stamp from a device whose clock runs ahead, the next write here comes after it', () => {
    const local = tick(zeroStamp('a'), 1000, 'a');
    const remote = { wall: 5000, counter: 3, node: 'b' };
    const seen = receive(local, remote, 1200, 'a');
    expect(compareStamps(seen, remote)).toBe(1);
    expect(compareStamps(tick(seen, 1300, 'a'), remote)).toBe(1);
  });

  it('breaks a tie of the same millisecond and counter by the device, the same way on both', () => {
    const a = { wall: 7, counter: 1, node: 'desk-a' };
    const b = { wall: 7, counter: 1, node: 'desk-b' };
    expect(compareStamps(a, b)).toBe(-1);
    expect(compareStamps(b, a)).toBe(1);
    expect(compareStamps(a, { ...a })).toBe(0);
  });

  it('refuses a stamp from a clock more than a day ahead', () => {
    expect(() => receive(zeroStamp('a'), { wall: 10 + maxDriftMs + 1, counter: 0, node: 'b' }, 10, 'a')).toThrow(ClockDriftError);
    expect(() => receive(zeroStamp('a'), { wall: 10 + maxDriftMs, counter: 0, node: 'b' }, 10, 'a')).not.toThrow();
  });

  it('encodes to text that sorts as the stamps compare, and back', () => {
    const stamps = [
      { wall: 1_796_000_000_000, counter: 0, node: 'b' },
      { wall: 1_796_000_000_000, counter: 10, node: 'a' },
      { wall: 1_796_000_000_000, counter: 2, node: 'z' },
      { wall: 999, counter: 0, node: 'a' },
    ];
    const byText = [...stamps].sort((x, y) => (encodeStamp(x) < encodeStamp(y) ? -1 : 1));
    const byClock = [...stamps].sort(compareStamps);
    expect(byText).toEqual(byClock);
    for (const s of stamps) expect(decodeStamp(encodeStamp(s))).toEqual(s);
    expect(() => decodeStamp('12-3-a')).toThrow(/not a clock stamp/);
  });
});

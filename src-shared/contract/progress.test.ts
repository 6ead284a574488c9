import { describe, expect, it } from 'vitest';
import { isCallProgress, throttleProgress, type CallProgress } from './progress';

describe('progress', () => {
  it('passes the first report, at most one per interval after it, and every report that completes a phase', () => {
    let now = 0;
    const seen: CallProgress[] = [];
    const report = throttleProgress((p) => seen.push(p), 100, () => now);
    for (let done = 0; done <= 10; done++) {
      report({ phase: 'hash', done, total: 10 });
      now += 30;
    }
    report({ phase: 'evidence', done: 1, total: 1 });
    expect(seen.map((p) => `${p.phase}:${p.done}`)).toEqual(['hash:0', 'hash:4', 'hash:8', 'hash:10', 'evidence:1']);
  });

  it('accepts only well-formed reports', () => {
    expect(isCallProgress({ phase: 'hash', done: 1, total: 2 })).toBe(true);
    for (const bad of [null, 'x', { phase: 'hash', done: -1, total: 2 }, { phase: 'hash', done: 1 }, { phase: 'x'.repeat(41), done: 1, total: 1 }, { phase: 'h', done: Infinity, total: 1 }]) {
      expect(isCallProgress(bad)).toBe(false);
    }
  });
});

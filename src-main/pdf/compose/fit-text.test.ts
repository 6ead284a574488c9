import { describe, expect, it } from 'vitest';
import { fitText, lineHeight } from './fit-text';

/** A monospaced stand-in: every character is half an em wide. */
const mono = (t: string, size: number) => Array.from(t).length * size * 0.5;
const single = { multiLine: false, maxSize: 11, minSize: 5 };
const multi = { ...single, multiLine: true };

describe('fitText', () => {
  it('uses the largest size when the text fits, bounded by the box height', () => {
    expect(fitText('Anna', mono, { width: 200, height: 30 }, single)).toEqual({ size: 11, lines: ['Anna'], clipped: false });
    expect(fitText('Anna', mono, { width: 200, height: 12 }, single).size).toBeCloseTo(12 / lineHeight);
  });

  it('shrinks a one-line value until it fits its width', () => {
    const fitted = fitText('x'.repeat(40), mono, { width: 160, height: 20 }, single);
    expect(fitted.lines).toEqual(['x'.repeat(40)]);
    expect(fitted.size).toBe(8);
  });

  it('wraps free text before shrinking it further than needed', () => {
    const fitted = fitText('aaaa bbbb cccc dddd', mono, { width: 60, height: 60 }, multi);
    expect(fitted.lines.length).toBeGreaterThan(1);
    for (const line of fitted.lines) expect(mono(line, fitted.size)).toBeLessThanOrEqual(60);
    expect(fitted.lines.length * fitted.size * lineHeight).toBeLessThanOrEqual(60);
  });

  it('wraps a one-line value only below the smallest size, and cuts what still does not fit with an ellipsis', () => {
    const fitted = fitText('słowo '.repeat(50).trim(), mono, { width: 50, height: 13 }, single);
    expect(fitted).toMatchObject({ size: 5, clipped: true });
    expect(fitted.lines).toHaveLength(2);
    expect(fitted.lines[1]!.endsWith('…')).toBe(true);
    for (const line of fitted.lines) expect(mono(line, 5)).toBeLessThanOrEqual(50);
  });

  it('shortens a clipped line by whole characters, never half a surrogate pair', () => {
    const fitted = fitText('𝒜'.repeat(100), mono, { width: 20, height: 6 }, multi);
    expect(fitted.clipped).toBe(true);
    expect(fitted.lines[0]).toMatch(/^(𝒜)*…$/u);
  });
});

import { describe, expect, it } from 'vitest';
import { inViewOrder, minorFromText, shownInView, stepInOrder, textFromMinor } from './board-view';

const stages = ['a', 'b', 'c', 'd'].map((id) => ({ id }));
const ids = (items: { id: string }[]) => items.map((s) => s.id);

describe('column order and visibility', () => {
  it("puts the employee's placed stages first and keeps the company's order for the rest", () => {
    expect(ids(inViewOrder(stages, (s) => s, ['c', 'a']))).toEqual(['c', 'a', 'b', 'd']);
    expect(ids(inViewOrder(stages, (s) => s, []))).toEqual(['a', 'b', 'c', 'd']);
  });

  it('leaves hidden stages out, in the same order', () => {
    expect(ids(shownInView(stages, (s) => s, { stageOrder: ['d'], hiddenStageIds: ['b'] }))).toEqual(['d', 'a', 'c']);
  });

  it('steps a stage up or down, and not past either end', () => {
    expect(stepInOrder(['a', 'b', 'c'], 'c', -1)).toEqual(['a', 'c', 'b']);
    expect(stepInOrder(['a', 'b', 'c'], 'a', 1)).toEqual(['b', 'a', 'c']);
    expect(stepInOrder(['a', 'b', 'c'], 'a', -1)).toEqual(['a', 'b', 'c']);
    expect(stepInOrder(['a', 'b', 'c'], 'c', 1)).toEqual(['a', 'b', 'c']);
  });
});

describe('amounts typed in major units', () => {
  it('reads both decimal separators and spaces, exact to the minor unit', () => {
    expect(minorFromText('1500')).toBe(150_000);
    expect(minorFromText('1 500,5')).toBe(150_050);
    expect(minorFromText('0.07')).toBe(7);
    expect(minorFromText('  ')).toBeUndefined();
  });

  it('refuses what is not an amount', () => {
    expect(minorFromText('12.345')).toBeNull();
    expect(minorFromText('-5')).toBeNull();
    expect(minorFromText('abc')).toBeNull();
  });

  it('writes minor units back the way they are typed', () => {
    expect(textFromMinor(150_000)).toBe('1500');
    expect(textFromMinor(150_050)).toBe('1500.50');
    expect(textFromMinor(undefined)).toBe('');
  });
});

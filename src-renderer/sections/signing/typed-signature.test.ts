import { describe, expect, it } from 'vitest';
import { typedCanvas, typedFontSize, typedName } from './typed-signature';

describe('typed signature', () => {
  it('a short name is as large as the height allows', () => {
    expect(typedFontSize(200, 100)).toBe(Math.floor(typedCanvas.height * 0.55));
  });

  it('a long name shrinks to fit the width, margins kept', () => {
    const size = typedFontSize(3000, 100);
    const usable = typedCanvas.width - 2 * typedCanvas.height * 0.12;
    expect(size).toBeLessThan(typedCanvas.height * 0.55);
    expect((3000 * size) / 100).toBeLessThanOrEqual(usable);
    expect((3000 * (size + 1)) / 100).toBeGreaterThan(usable);
  });

  it('never gives a size below one pixel, and copes with nothing measured', () => {
    expect(typedFontSize(1e9, 100)).toBe(1);
    expect(typedFontSize(0, 100)).toBe(Math.floor(typedCanvas.height * 0.55));
  });

  it('folds the name to one line of at most 100 characters', () => {
    expect(typedName('  Zażółć \n gęślą   jaźń ')).toBe('Zażółć gęślą jaźń');
    expect([...typedName('ł'.repeat(150))]).toHaveLength(100);
  });
});

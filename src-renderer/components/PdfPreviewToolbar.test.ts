import { describe, expect, it } from 'vitest';
import { nextZoom, previousZoom } from './PdfPreviewToolbar';

describe('zoom steps', () => {
  it('go from a fitted page (any zoom) to the next visibly different step, and stop at the ends', () => {
    expect(nextZoom(42)).toBe(50);
    expect(previousZoom(42)).toBeUndefined();
    expect(nextZoom(83)).toBe(100);
    expect(previousZoom(83)).toBe(75);
    // 1 % away is the same picture: skipped.
    expect(nextZoom(99)).toBe(125);
    expect(previousZoom(101)).toBe(75);
    expect(nextZoom(300)).toBeUndefined();
    expect(previousZoom(300)).toBe(200);
    expect(nextZoom(500)).toBeUndefined();
    expect(previousZoom(500)).toBe(300);
  });
});

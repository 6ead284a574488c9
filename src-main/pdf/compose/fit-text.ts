import { wrap } from './page-writer';

/**
 * Vertical extent of a line of DejaVu Sans, in em. The font's typographic ascent (0.76 em) ends below the dot of "Ż" and
 * the acute of "Ó" (about 0.93 em), and "ę"/"ą" hang 0.24 em below the baseline: these are the ink limits, so a line
 * placed by them never touches the edge of its box.
 */
export const lineAbove = 0.95;
export const lineBelow = 0.25;
export const lineHeight = lineAbove + lineBelow;

export interface FitOptions {
  /** Free text may wrap onto several lines; other values are one line and wrap only when nothing else fits. */
  multiLine: boolean;
  maxSize: number;
  minSize: number;
}

export interface FittedText {
  size: number;
  lines: string[];
  /** Lines were dropped (the last one shown ends with "…"): the value is longer than its box holds at the smallest size. */
  clipped: boolean;
}

const sizeStep = 0.5;
const ellipsis = '…';

/**
 * The largest font size (from `maxSize` down to `minSize`) at which the text fits the box. Below the smallest size the
 * text wraps, and what still does not fit is cut with an ellipsis: a value never runs outside the place it was given.
 */
export function fitText(text: string, width: (t: string, size: number) => number, box: { width: number; height: number }, options: FitOptions): FittedText {
  const largest = Math.max(options.minSize, Math.min(options.maxSize, box.height / lineHeight));
  for (let size = largest; size >= options.minSize; size -= sizeStep) {
    const lines = options.multiLine ? wrap(text, (t) => width(t, size), box.width) : [text];
    const fits = lines.length * size * lineHeight <= box.height && lines.every((l) => width(l, size) <= box.width);
    if (fits) return { size, lines, clipped: false };
  }
  const size = options.minSize;
  const lines = wrap(text, (t) => width(t, size), box.width);
  const room = Math.max(1, Math.floor(box.height / (size * lineHeight)));
  if (lines.length <= room) return { size, lines, clipped: false };
  const shown = lines.slice(0, room);
  shown[room - 1] = withEllipsis(shown[room - 1] ?? '', (t) => width(t, size), box.width);
  return { size, lines: shown, clipped: true };
}

/** Shortens the line by whole characters (never half a surrogate pair) until it and the ellipsis fit. */
function withEllipsis(line: string, width: (t: string) => number, max: number): string {
  const chars = Array.from(line);
  while (chars.length > 0 && width(`${chars.join('')}${ellipsis}`) > max) chars.pop();
  return `${chars.join('').trimEnd()}${ellipsis}`;
}

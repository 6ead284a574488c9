import type { FieldKind } from '../../../../src-shared/fields/kinds';
import type { PageDimensions } from '../../../../src-shared/fields/layout';
import type { FieldRect } from '../../../../src-shared/fields/placement';
import { fieldSizeLimits } from '../../../../src-shared/fields/size-limits';

/*
 * Rectangles in PDF points as the field model keeps them (origin at the page's bottom-left, y upwards), changed the
 * way a person sees the page (y downwards). Every result fits its kind's size limits and lies inside the page, so
 * whatever the mouse or the keyboard does, the layout check has nothing to refuse about a field's size or place.
 */

/** A size each kind starts at when placed: legible and inside its limits (a test checks every one against them). */
export const defaultFieldSizes: Readonly<Record<FieldKind, { width: number; height: number }>> = {
  signature: { width: 180, height: 50 },
  initials: { width: 60, height: 30 },
  fullName: { width: 180, height: 20 },
  dateSigned: { width: 100, height: 20 },
  text: { width: 180, height: 20 },
  number: { width: 100, height: 20 },
  checkbox: { width: 14, height: 14 },
  companyName: { width: 200, height: 20 },
  taxId: { width: 120, height: 20 },
  email: { width: 180, height: 20 },
  phone: { width: 120, height: 20 },
};

/** A corner handle, named by the edges it moves on screen: north/south, west/east. */
export type Handle = 'nw' | 'ne' | 'sw' | 'se';

const clamp = (value: number, min: number, max: number) => Math.min(Math.max(value, min), Math.max(min, max));
/** Hundredths of a point: finer than any screen shows, and keeps sums such as 0.1 + 0.2 from drifting past an edge. */
const round = (value: number) => Math.round(value * 100) / 100;

/** The kind's size limits, narrowed to what the page can hold. */
function limitsOn(kind: FieldKind, page: PageDimensions) {
  const limit = fieldSizeLimits[kind];
  return { ...limit, maxWidth: Math.min(limit.maxWidth, page.width), maxHeight: Math.min(limit.maxHeight, page.height) };
}

/** A height that keeps a square-ish kind (a checkbox) within its aspect limit for this width. */
function heightFor(kind: FieldKind, width: number, height: number): number {
  const maxAspect = fieldSizeLimits[kind].maxAspect;
  return maxAspect === undefined ? height : clamp(height, width / maxAspect, width * maxAspect);
}

/** The rectangle made to fit: its size within the kind's limits, then moved (not shrunk) to lie inside the page. */
export function fitRect(kind: FieldKind, rect: FieldRect, page: PageDimensions): FieldRect {
  const limit = limitsOn(kind, page);
  const width = clamp(rect.width, limit.minWidth, limit.maxWidth);
  const height = clamp(heightFor(kind, width, rect.height), limit.minHeight, limit.maxHeight);
  return {
    x: round(clamp(rect.x, 0, page.width - width)),
    y: round(clamp(rect.y, 0, page.height - height)),
    width: round(width),
    height: round(height),
  };
}

/** A new field of this kind centred on a point of the page (in points), moved inside the page where it would overhang. */
export function rectAround(kind: FieldKind, center: { x: number; y: number }, page: PageDimensions): FieldRect {
  const { width, height } = defaultFieldSizes[kind];
  return fitRect(kind, { x: center.x - width / 2, y: center.y - height / 2, width, height }, page);
}

/** Moved by (dx, dy) points as seen on screen (dy > 0 is down), stopping at the page's edges. */
export function moveRect(rect: FieldRect, dx: number, dy: number, page: PageDimensions): FieldRect {
  return {
    ...rect,
    x: round(clamp(rect.x + dx, 0, page.width - rect.width)),
    y: round(clamp(rect.y - dy, 0, page.height - rect.height)),
  };
}

/**
 * Resized by dragging one corner by (dx, dy) points as seen on screen, the opposite corner staying where it is. The
 * moving edges stop at the kind's size limits and at the page's edges.
 */
export function resizeRect(kind: FieldKind, rect: FieldRect, handle: Handle, dx: number, dy: number, page: PageDimensions): FieldRect {
  const limit = limitsOn(kind, page);
  const left = rect.x;
  const right = rect.x + rect.width;
  const bottom = rect.y;
  const top = rect.y + rect.height;
  const east = handle.endsWith('e');
  const south = handle.startsWith('s');

  // The room between the fixed edge and the page's edge on the side that moves.
  const width = clamp(east ? right + dx - left : right - (left + dx), limit.minWidth, Math.min(limit.maxWidth, east ? page.width - left : right));
  const room = south ? top : page.height - bottom;
  const height = clamp(heightFor(kind, width, south ? top - (bottom - dy) : top - dy - bottom), limit.minHeight, Math.min(limit.maxHeight, room));
  return {
    x: round(east ? left : right - width),
    y: round(south ? top - height : bottom),
    width: round(width),
    height: round(height),
  };
}

export function sameRect(a: FieldRect, b: FieldRect): boolean {
  return a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;
}

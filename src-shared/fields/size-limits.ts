import type { FieldKind } from './kinds';

/**
 * Sane sizes per kind, in PDF points (1/72 inch; an A4 page is 595×842). Minimums keep a value legible when drawn
 * (a signature below ~60×20 pt is an unreadable scribble); maximums catch a placement dragged across half the page.
 * `maxAspect` (longer side / shorter side) keeps a checkbox square-ish, so its tick is not stretched.
 */
export interface FieldSizeLimit {
  minWidth: number;
  minHeight: number;
  maxWidth: number;
  maxHeight: number;
  maxAspect?: number;
}

export const fieldSizeLimits: Readonly<Record<FieldKind, FieldSizeLimit>> = {
  signature: { minWidth: 60, minHeight: 20, maxWidth: 500, maxHeight: 250 },
  initials: { minWidth: 20, minHeight: 12, maxWidth: 150, maxHeight: 100 },
  fullName: { minWidth: 40, minHeight: 10, maxWidth: 500, maxHeight: 60 },
  dateSigned: { minWidth: 40, minHeight: 10, maxWidth: 300, maxHeight: 60 },
  // Free text may be a multi-line block, e.g. a clause the counterparty writes in.
  text: { minWidth: 20, minHeight: 10, maxWidth: 800, maxHeight: 600 },
  number: { minWidth: 20, minHeight: 10, maxWidth: 300, maxHeight: 60 },
  checkbox: { minWidth: 8, minHeight: 8, maxWidth: 30, maxHeight: 30, maxAspect: 1.5 },
  companyName: { minWidth: 40, minHeight: 10, maxWidth: 500, maxHeight: 60 },
  taxId: { minWidth: 40, minHeight: 10, maxWidth: 300, maxHeight: 60 },
  email: { minWidth: 60, minHeight: 10, maxWidth: 400, maxHeight: 60 },
  phone: { minWidth: 50, minHeight: 10, maxWidth: 300, maxHeight: 60 },
};

export type FieldSizeProblem = 'validation.fieldTooSmall' | 'validation.fieldTooLarge' | 'validation.fieldShape';

/** The message key for a size this kind cannot have, or null when it fits. */
export function checkFieldSize(kind: FieldKind, size: { width: number; height: number }): FieldSizeProblem | null {
  const limit = fieldSizeLimits[kind];
  if (size.width < limit.minWidth || size.height < limit.minHeight) return 'validation.fieldTooSmall';
  if (size.width > limit.maxWidth || size.height > limit.maxHeight) return 'validation.fieldTooLarge';
  if (limit.maxAspect !== undefined) {
    const aspect = Math.max(size.width, size.height) / Math.min(size.width, size.height);
    if (aspect > limit.maxAspect) return 'validation.fieldShape';
  }
  return null;
}

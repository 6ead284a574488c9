import { z } from 'zod';
import type { ValidationIssue } from '../contract/errors';
import { toValidationIssues } from '../contract/validate';
import { fieldPlacementSchema, type FieldPlacement, type FieldRect } from './placement';

/** Most fields one document may carry; far above any real contract, low enough to keep overlap checks cheap. */
export const maxFieldsPerLayout = 500;

/**
 * A page's size in points, as recorded when the PDF was imported. Fields are placed in unrotated user space, from the
 * bottom-left corner of the part of the page a viewer shows (the CropBox within the MediaBox, as pdf.js draws it; see
 * `visibleBox` in src-main/pdf/page-box.ts), so this is that box's size before any /Rotate is applied. Structurally
 * the same as `PageSize` in `src-shared/pdf/info.ts`.
 */
export interface PageDimensions {
  width: number;
  height: number;
}

/**
 * Every field placed on a document. Structure and the checks that need no page sizes (unique ids, no two signers'
 * fields on top of each other) are part of the schema; `validateLayout` adds the pages.
 */
export const fieldLayoutSchema = z
  .object({ fields: z.array(fieldPlacementSchema).max(maxFieldsPerLayout, { error: 'validation.tooManyFields' }) })
  .superRefine((layout, ctx) => {
    const { issues } = crossCheck(layout.fields.map((field, index) => ({ field, index })));
    for (const issue of issues) ctx.addIssue({ code: 'custom', path: issue.path.split('.'), message: issue.messageKey });
  });

export type FieldLayoutInput = z.input<typeof fieldLayoutSchema>;
export type FieldLayout = z.output<typeof fieldLayoutSchema>;

/** Not an error: the preparer is told, and may keep it (e.g. initials deliberately placed over a signature box). */
export interface LayoutWarning extends ValidationIssue {
  fieldId: string;
  otherFieldId: string;
}

export interface LayoutCheckOptions {
  /** The document's signers; when given, a field assigned to anyone else is refused. */
  signerIds?: readonly string[] | undefined;
}

export interface LayoutCheck {
  /** Paths name the field by its index, e.g. `fields.3.rect`. */
  issues: ValidationIssue[];
  /** Overlapping fields of one signer. */
  warnings: LayoutWarning[];
  /** The parsed layout (defaults applied), when there are no issues. */
  layout: FieldLayout | undefined;
}

/**
 * Checks a layout against the document it is placed on. Each field is checked on its own first, so one broken field
 * does not hide the problems of the others; the cross checks then run over the fields that parsed.
 */
export function checkLayout(layout: unknown, pageSizes: readonly PageDimensions[], options: LayoutCheckOptions = {}): LayoutCheck {
  const raw = typeof layout === 'object' && layout !== null ? (layout as { fields?: unknown }).fields : undefined;
  if (!Array.isArray(raw)) {
    const parsed = fieldLayoutSchema.safeParse(layout);
    return { issues: parsed.success ? [] : toValidationIssues(parsed.error), warnings: [], layout: undefined };
  }

  const issues: ValidationIssue[] = [];
  if (raw.length > maxFieldsPerLayout) issues.push({ path: 'fields', messageKey: 'validation.tooManyFields' });
  const parsed: Indexed[] = [];
  raw.forEach((item: unknown, index) => {
    const result = fieldPlacementSchema.safeParse(item);
    if (result.success) parsed.push({ field: result.data, index });
    else for (const issue of toValidationIssues(result.error)) issues.push(prefixed(`fields.${index}`, issue));
  });

  const signers = options.signerIds ? new Set(options.signerIds) : undefined;
  for (const { field, index } of parsed) {
    const page = pageSizes[field.page];
    if (!page) issues.push({ path: `fields.${index}.page`, messageKey: 'validation.pageOutOfRange' });
    else if (!insidePage(field.rect, page)) issues.push({ path: `fields.${index}.rect`, messageKey: 'validation.fieldOutsidePage' });
    if (signers && !signers.has(field.signerId)) issues.push({ path: `fields.${index}.signerId`, messageKey: 'validation.unknownSigner' });
  }
  const cross = crossCheck(parsed);
  issues.push(...cross.issues);
  issues.sort((a, b) => comparePaths(a.path, b.path));

  return { issues, warnings: cross.warnings, layout: issues.length === 0 ? { fields: parsed.map((p) => p.field) } : undefined };
}

/** The problems that make a layout unusable on these pages; empty when it is fine. Warnings: `checkLayout`. */
export function validateLayout(layout: unknown, pageSizes: readonly PageDimensions[], options: LayoutCheckOptions = {}): ValidationIssue[] {
  return checkLayout(layout, pageSizes, options).issues;
}

interface Indexed {
  field: FieldPlacement;
  index: number;
}

/**
 * Duplicate ids (reported on the later field) and overlaps. Fields of different signers must not overlap: one value
 * would be drawn over another person's. Overlaps within one signer's fields are only warned about.
 */
function crossCheck(fields: readonly Indexed[]): { issues: ValidationIssue[]; warnings: LayoutWarning[] } {
  const issues: ValidationIssue[] = [];
  const warnings: LayoutWarning[] = [];
  const seen = new Set<string>();
  const byPage = new Map<number, Indexed[]>();
  for (const item of fields) {
    if (seen.has(item.field.id)) issues.push({ path: `fields.${item.index}.id`, messageKey: 'validation.duplicateFieldId' });
    seen.add(item.field.id);
    byPage.set(item.field.page, [...(byPage.get(item.field.page) ?? []), item]);
  }
  for (const onPage of byPage.values()) {
    for (let j = 1; j < onPage.length; j++) {
      const later = onPage[j];
      if (!later) continue;
      for (let i = 0; i < j; i++) {
        const earlier = onPage[i];
        if (!earlier || !overlap(earlier.field.rect, later.field.rect)) continue;
        const path = `fields.${later.index}.rect`;
        if (earlier.field.signerId !== later.field.signerId) {
          issues.push({ path, messageKey: 'validation.fieldsOverlap' });
          break;
        }
        warnings.push({ path, messageKey: 'validation.fieldsOverlapSameSigner', fieldId: later.field.id, otherFieldId: earlier.field.id });
      }
    }
  }
  return { issues, warnings };
}

/** Rounding in the editor (screen pixels → points) may push an edge a hair past the page. */
const tolerance = 0.01;

function insidePage(rect: FieldRect, page: PageDimensions): boolean {
  return rect.x >= 0 && rect.y >= 0 && rect.x + rect.width <= page.width + tolerance && rect.y + rect.height <= page.height + tolerance;
}

/** Sharing an edge is not overlapping. */
function overlap(a: FieldRect, b: FieldRect): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

function prefixed(prefix: string, issue: ValidationIssue): ValidationIssue {
  return { path: issue.path ? `${prefix}.${issue.path}` : prefix, messageKey: issue.messageKey };
}

/** `fields.2.rect` before `fields.10.id`: numeric segments compare as numbers. */
function comparePaths(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

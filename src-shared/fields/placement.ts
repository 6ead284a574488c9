import { z } from 'zod';
import { dateSignedFormats, defaultDateSignedFormat, fieldKinds, fieldSources, isSourceAllowed, type FieldKind } from './kinds';
import { checkFieldSize } from './size-limits';
import { optionalText } from '../text/schema-text';

/** Longest free text a field takes when the placement sets no `maxLength`. */
export const defaultTextMaxLength = 1000;
/** Upper bound for a placement's own `maxLength`. */
export const maxTextMaxLength = 10_000;
/** Most decimal places a number field may ask for. */
export const maxNumberDecimals = 6;

const identifier = z
  .string({ error: 'validation.required' })
  .trim()
  .min(1, { error: 'validation.required', abort: true })
  .max(64, { error: 'validation.tooLong', abort: true })
  // Starting with a letter or digit keeps `__proto__` out: ids become keys of plain value objects.
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, { error: 'validation.id' });

/**
 * A rectangle in PDF user space: points, origin at the bottom-left corner of the page, y growing upwards, as pdf-lib
 * draws. Whether it lies inside its page is checked against the page sizes by `validateLayout`.
 */
export const fieldRectSchema = z.strictObject({
  x: z.number().min(0, { error: 'validation.fieldOutsidePage' }),
  y: z.number().min(0, { error: 'validation.fieldOutsidePage' }),
  width: z.number().positive({ error: 'validation.fieldTooSmall' }),
  height: z.number().positive({ error: 'validation.fieldTooSmall' }),
});
export type FieldRect = z.output<typeof fieldRectSchema>;

const common = {
  id: identifier,
  /** 0-based page index. */
  page: z.number().int({ error: 'validation.pageOutOfRange' }).min(0, { error: 'validation.pageOutOfRange' }),
  rect: fieldRectSchema,
  /** Exactly one signer fills a field. */
  signerId: identifier,
  required: z.boolean(),
  label: optionalText(100),
  placeholder: optionalText(100),
  /** Auto-fill from the signer's contact record; only some sources fit a kind (see `allowedSources`). */
  source: z.enum(fieldSources, { error: 'validation.choice' }).optional(),
};

const plain = <K extends FieldKind>(kind: K) => z.strictObject({ kind: z.literal(kind), ...common });

const numberOptions = {
  min: z.number().optional(),
  max: z.number().optional(),
  decimals: z.number().int({ error: 'validation.decimals' }).min(0, { error: 'validation.decimals' }).max(maxNumberDecimals, { error: 'validation.decimals' }).optional(),
};

/**
 * Where one field sits and who fills it. Options that only make sense for one kind (number range, text length, date format)
 * are accepted on that kind only: unknown keys are refused rather than silently dropped.
 */
export const fieldPlacementSchema = z
  .discriminatedUnion(
    'kind',
    [
      plain('signature'),
      plain('initials'),
      plain('fullName'),
      z.strictObject({ kind: z.literal('dateSigned'), ...common, dateFormat: z.enum(dateSignedFormats, { error: 'validation.choice' }).default(defaultDateSignedFormat) }),
      z.strictObject({ kind: z.literal('text'), ...common, maxLength: z.number().int().min(1).max(maxTextMaxLength).optional() }),
      z.strictObject({ kind: z.literal('number'), ...common, ...numberOptions }),
      plain('checkbox'),
      plain('companyName'),
      plain('taxId'),
      plain('email'),
      plain('phone'),
    ],
    { error: (issue) => (issue.code === 'invalid_union' ? 'validation.choice' : undefined) },
  )
  .superRefine((f, ctx) => {
    const size = checkFieldSize(f.kind, f.rect);
    if (size) ctx.addIssue({ code: 'custom', path: ['rect'], message: size });
    if (f.source !== undefined && !isSourceAllowed(f.kind, f.source)) {
      ctx.addIssue({ code: 'custom', path: ['source'], message: 'validation.sourceNotAllowed' });
    }
    if (f.kind === 'number' && f.min !== undefined && f.max !== undefined && f.min > f.max) {
      ctx.addIssue({ code: 'custom', path: ['max'], message: 'validation.numberRange' });
    }
  });

export type FieldPlacementInput = z.input<typeof fieldPlacementSchema>;
export type FieldPlacement = z.output<typeof fieldPlacementSchema>;
/** A placement of one kind, e.g. `PlacementOf<'number'>` has `min`, `max` and `decimals`. */
export type PlacementOf<K extends FieldKind> = Extract<FieldPlacement, { kind: K }>;

// Compile-time guard: every kind has a variant in the union above.
const _everyKindPlaced: readonly FieldPlacement['kind'][] = fieldKinds;

import { z } from 'zod';

/** Trimmed text; empty becomes undefined so "cleared" and "never set" are one state. */
export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: 'validation.tooLong' })
    .optional()
    .transform((v) => (v ? v : undefined));

/** Trimmed, non-empty text. */
export const requiredText = (max: number) =>
  z.string({ error: 'validation.required' }).trim().min(1, { error: 'validation.required' }).max(max, { error: 'validation.tooLong' });

/** An e-mail address, lower-cased (addresses are compared as one); empty becomes undefined. */
export const optionalEmail = z
  .string()
  .trim()
  .optional()
  .transform((v, ctx) => {
    if (!v) return undefined;
    const lower = v.toLowerCase();
    if (!z.email().safeParse(lower).success) {
      ctx.addIssue({ code: 'custom', message: 'validation.email' });
      return z.NEVER;
    }
    return lower;
  });

import { z } from 'zod';

/** `UM/2026/11/0042`: a prefix, the year and month of creation, and a counter that starts again every month. */
export const defaultNumberScheme = 'UM/{yyyy}/{MM}/{n:4}';

const counterToken = /\{n(?::([1-9]))?\}/;

/**
 * A company's numbering scheme: text with `{yyyy}`, `{MM}` and exactly one counter `{n}` (or `{n:4}` for four digits,
 * zero-padded). Nothing else in braces, so a typo is refused rather than printed into every document number.
 */
export const numberSchemeSchema = z
  .string()
  .trim()
  .min(1, { error: 'validation.required', abort: true })
  .max(60, { error: 'validation.tooLong', abort: true })
  .superRefine((s, ctx) => {
    const problem =
      s.replace(/\{(yyyy|MM|n(?::[1-9])?)\}/g, '').search(/[{}]/) !== -1
        ? 'validation.numberingUnknownToken'
        : (s.match(/\{n(?::[1-9])?\}/g) ?? []).length !== 1
          ? 'validation.numberingCounterOnce'
          : // eslint-disable-next-line no-control-regex -- refusing control characters is the point
            /[\u0000-\u001F\u007F]/.test(s)
            ? 'validation.invalid'
            : null;
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/**
 * A scheme applied to a date: the counter's key (everything before `{n}`, so a scheme with the month in it restarts
 * monthly and one without keeps counting) and the number for a given count.
 */
export function numberingFor(scheme: string, at: Date): { prefix: string; format(n: number): string } {
  const dated = scheme.replace(/\{yyyy\}/g, String(at.getUTCFullYear())).replace(/\{MM\}/g, String(at.getUTCMonth() + 1).padStart(2, '0'));
  const counter = counterToken.exec(dated);
  if (!counter) return { prefix: dated, format: (n) => `${dated}-${n}` };
  return { prefix: dated.slice(0, counter.index), format: (n) => dated.replace(counter[0], String(n).padStart(Number(counter[1] ?? 1), '0')) };
}

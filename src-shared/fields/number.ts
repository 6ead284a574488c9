/**
 * Numbers as people type them in Polish and English: "1 234,56", "1234,56", "1.234,56", "1,234.56", "1234.56".
 * Spaces (also no-break and thin spaces, which Polish word processors insert) only ever group thousands.
 */
export type ParsedNumber =
  | { ok: true; value: number; /** Decimal places written, trailing zeros aside ("12,50" has 1). */ decimals: number }
  | { ok: false; reason: 'invalid' | 'ambiguous' };

export interface ParseNumberOptions {
  /**
   * The decimal places the field allows. "1,234" and "1.234" read as a decimal in one language and as thousands in the
   * other; when the field allows fewer than three decimals only the thousands reading is possible, otherwise the text
   * is refused as ambiguous rather than guessed (a contract amount off by a factor of 1000 must not slip through).
   */
  maxDecimals?: number | undefined;
}

/** Beyond this many significant digits a double no longer holds the number exactly. */
const maxSignificantDigits = 15;

const invalid: ParsedNumber = { ok: false, reason: 'invalid' };
const ambiguous: ParsedNumber = { ok: false, reason: 'ambiguous' };

export function parseLocaleNumber(text: string, options: ParseNumberOptions = {}): ParsedNumber {
  let s = text.trim().replace(/[\u00A0\u2007\u2009\u202F]/g, ' ');
  let negative = false;
  if (/^[-+\u2212]/.test(s)) {
    negative = s[0] !== '+';
    s = s.slice(1);
  }
  if (!/^[0-9][0-9 .,]*$|^[.,][0-9]+$/.test(s) || / {2}|[ .,]$/.test(s)) return invalid;

  const commas = count(s, ',');
  const dots = count(s, '.');
  let decimalSep: ',' | '.' | null = null;
  let groupSep: ',' | '.' | null = null;
  if (commas > 0 && dots > 0) {
    // Both marks: the last one is the decimal separator and may appear once ("1.234,56", "1,234.56").
    decimalSep = s.lastIndexOf(',') > s.lastIndexOf('.') ? ',' : '.';
    groupSep = decimalSep === ',' ? '.' : ',';
    if (count(s, decimalSep) > 1) return invalid;
  } else if (commas + dots > 1) {
    // One mark repeated can only group thousands ("1,234,567", "1.234.567").
    groupSep = commas > 0 ? ',' : '.';
  } else if (commas + dots === 1) {
    const sep = commas > 0 ? ',' : '.';
    const [head = '', tail = ''] = s.split(sep);
    const readsAsThousands = /^[1-9]\d{0,2}$/.test(head) && /^\d{3}$/.test(tail);
    if (!readsAsThousands) decimalSep = sep;
    else if (options.maxDecimals !== undefined && options.maxDecimals < 3) groupSep = sep;
    else return ambiguous;
  }

  const [intPart = '', fraction = ''] = decimalSep ? s.split(decimalSep) : [s];
  if (decimalSep && !/^\d+$/.test(fraction)) return invalid;
  const intSeparators = new Set(intPart.match(/[ .,]/g) ?? []);
  if (intSeparators.size > 1) return invalid;
  const [intSep] = intSeparators;
  if (intSep !== undefined) {
    if (intSep !== ' ' && intSep !== groupSep) return invalid;
    const groups = intPart.split(intSep);
    if (!/^\d{1,3}$/.test(groups[0] ?? '') || groups.slice(1).some((g) => !/^\d{3}$/.test(g))) return invalid;
  }

  const digits = intPart.replace(/[ .,]/g, '');
  const significant = (digits.replace(/^0+/, '') + fraction).replace(/^0+/, '');
  if (significant.length > maxSignificantDigits) return invalid;
  const value = Number(`${digits || '0'}.${fraction || '0'}`);
  if (!Number.isFinite(value)) return invalid;
  return { ok: true, value: negative && value !== 0 ? -value : value, decimals: fraction.replace(/0+$/, '').length };
}

/** Decimal places of a number given as a number (from a numeric input): 12.5 → 1, 3 → 0; null for exponent forms. */
export function decimalsOf(value: number): number | null {
  const text = String(Math.abs(value));
  if (/e/i.test(text)) return null;
  return (text.split('.')[1] ?? '').length;
}

function count(text: string, char: string): number {
  let n = 0;
  for (const c of text) if (c === char) n++;
  return n;
}

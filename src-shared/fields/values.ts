import { isSupportedCountry } from 'libphonenumber-js/max';
import { z } from 'zod';
import { isValidNip, normalizeNip } from '../contacts/nip';
import { defaultPhoneRegion, toE164 } from '../contacts/phone';
import type { ValidationIssue } from '../contract/errors';
import { isIsoDate } from './date-signed';
import { decimalsOf, parseLocaleNumber } from './number';
import { defaultTextMaxLength, type FieldPlacement, type PlacementOf } from './placement';
import { checkSignatureImage } from './png';

/**
 * A normalised field value: text (trimmed, NFC), an e-mail lower-cased, a phone in E.164, a Polish tax ID as ten digits,
 * the date signed as an ISO date, an image as canonical base64 PNG, a number as a number, a checkbox as a boolean.
 */
export type FieldValue = string | number | boolean;
/** Values keyed by field id. */
export type FieldValues = Record<string, FieldValue>;

export interface FieldValueContext {
  /**
   * The signer's country (ISO 3166 alpha-2, as in the contact record). A tax ID is checked as a Polish NIP when it is PL;
   * a phone typed without a prefix is read in this country. Defaults to PL, as the contact record does.
   */
  country?: string | undefined;
  /** Path reported with an issue; `values.<field id>` when omitted. */
  path?: string | undefined;
}

/** `value` null: an optional field left empty (an unchecked checkbox is `false`, not empty). */
export type FieldValueResult = { ok: true; value: FieldValue | null } | { ok: false; issue: ValidationIssue };

/** Longest name or company name, as in the contact record. */
const maxNameLength = 200;
/** The longest address RFC 5321 lets through. */
const maxEmailLength = 254;
/** A foreign tax ID (VAT number, EIN, …) is kept as text: letters and digits with the usual separators. */
const maxForeignTaxIdLength = 32;

/**
 * Checks a value typed (or drawn) for one field and returns it normalised.
 * An empty value (undefined, null, blank text) passes only when the field is optional.
 */
export function validateFieldValue(placement: FieldPlacement, value: unknown, context: FieldValueContext = {}): FieldValueResult {
  const path = context.path ?? `values.${placement.id}`;
  const fail = (messageKey: string): FieldValueResult => ({ ok: false, issue: { path, messageKey } });

  if (placement.kind === 'checkbox') {
    if (value === undefined || value === null) value = false;
    if (typeof value !== 'boolean') return fail('validation.type');
    return placement.required && !value ? fail('validation.required') : { ok: true, value };
  }
  if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
    return placement.required ? fail('validation.required') : { ok: true, value: null };
  }
  if (placement.kind === 'number') {
    const checked = checkNumber(placement, value);
    return typeof checked === 'number' ? { ok: true, value: checked } : fail(checked);
  }
  if (typeof value !== 'string') return fail('validation.type');

  const country = (context.country ?? 'PL').trim().toUpperCase();
  switch (placement.kind) {
    case 'text': {
      const text = value.normalize('NFC').replace(/\r\n?/g, '\n').trim();
      // eslint-disable-next-line no-control-regex -- refusing control characters is the point
      if (/[\u0000-\u0008\u000B-\u001F\u007F]/.test(text)) return fail('validation.invalid');
      return codePoints(text) > (placement.maxLength ?? defaultTextMaxLength) ? fail('validation.tooLong') : { ok: true, value: text };
    }
    case 'fullName':
    case 'companyName': {
      const text = singleLine(value);
      if (text === null) return fail('validation.invalid');
      return codePoints(text) > maxNameLength ? fail('validation.tooLong') : { ok: true, value: text };
    }
    case 'email': {
      const text = value.trim().toLowerCase();
      if (text.length > maxEmailLength) return fail('validation.tooLong');
      return z.email().safeParse(text).success ? { ok: true, value: text } : fail('validation.email');
    }
    case 'phone': {
      const region = isSupportedCountry(country) ? country : defaultPhoneRegion;
      const e164 = toE164(value, region);
      return e164 ? { ok: true, value: e164 } : fail('validation.phone');
    }
    case 'taxId': {
      if (country === 'PL') return isValidNip(value) ? { ok: true, value: normalizeNip(value) } : fail('validation.nip');
      const text = singleLine(value)?.toUpperCase();
      if (text === undefined) return fail('validation.taxId');
      if (text.length > maxForeignTaxIdLength) return fail('validation.tooLong');
      return /^[A-Z0-9][A-Z0-9 ./-]*$/.test(text) ? { ok: true, value: text } : fail('validation.taxId');
    }
    case 'dateSigned':
      // Never typed by a person: the signing service fills it from the signing time (see `signingDate`).
      return isIsoDate(value.trim()) ? { ok: true, value: value.trim() } : fail('validation.date');
    case 'signature':
    case 'initials': {
      const image = checkSignatureImage(value);
      return image.ok ? { ok: true, value: image.base64 } : fail(image.messageKey);
    }
  }
}

/** The number, or the message key saying why not. */
function checkNumber(placement: PlacementOf<'number'>, value: unknown): number | string {
  let number: number;
  let decimals: number | null;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return 'validation.number';
    number = value;
    decimals = decimalsOf(value);
    if (decimals === null) return 'validation.number';
  } else if (typeof value === 'string') {
    const parsed = parseLocaleNumber(value, { maxDecimals: placement.decimals });
    if (!parsed.ok) return parsed.reason === 'ambiguous' ? 'validation.numberAmbiguous' : 'validation.number';
    number = parsed.value;
    decimals = parsed.decimals;
  } else {
    return 'validation.type';
  }
  if (placement.decimals !== undefined && decimals > placement.decimals) return 'validation.decimals';
  if ((placement.min !== undefined && number < placement.min) || (placement.max !== undefined && number > placement.max)) {
    return 'validation.numberRange';
  }
  return number;
}

/** Trimmed, NFC, whitespace runs (a pasted line break too) folded to one space; null when control characters remain. */
function singleLine(text: string): string | null {
  const folded = text.normalize('NFC').replace(/\s+/g, ' ').trim();
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  return /[\u0000-\u001F\u007F]/.test(folded) ? null : folded;
}

/** Length as a person counts it: an emoji or a letter outside the BMP is one character, not two UTF-16 units. */
function codePoints(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

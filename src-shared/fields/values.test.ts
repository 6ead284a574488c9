import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { FieldKind } from './kinds';
import { fieldPlacementSchema, type FieldPlacement } from './placement';
import { fieldSizeLimits } from './size-limits';
import { validateFieldValue, type FieldValueContext } from './values';
import { crc32 } from './png';

function place(kind: FieldKind, extra: Record<string, unknown> = {}): FieldPlacement {
  const { minWidth, minHeight } = fieldSizeLimits[kind];
  return fieldPlacementSchema.parse({
    id: 'f1',
    kind,
    page: 0,
    rect: { x: 10, y: 10, width: minWidth, height: minHeight },
    signerId: 's1',
    required: true,
    ...extra,
  });
}

/** The normalised value, or the message key of the refusal. */
function check(placement: FieldPlacement, value: unknown, context?: FieldValueContext): unknown {
  const result = validateFieldValue(placement, value, context);
  return result.ok ? result.value : result.issue.messageKey;
}

function tinyPngBase64(): string {
  const chunk = (type: string, data: Uint8Array) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), body.length + 4);
    return out;
  };
  const ihdr = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]); // 1×1 grey
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.from([0, 0x20]))),
    chunk('IEND', new Uint8Array(0)),
  ]).toString('base64');
}

describe('validateFieldValue', () => {
  it('reports an issue on values.<field id>, or the path it is given', () => {
    expect(validateFieldValue(place('text'), '')).toEqual({ ok: false, issue: { path: 'values.f1', messageKey: 'validation.required' } });
    expect(validateFieldValue(place('email'), 'x', { path: 'sign.email' })).toEqual({
      ok: false,
      issue: { path: 'sign.email', messageKey: 'validation.email' },
    });
  });

  it('lets an optional field stay empty and requires a required one', () => {
    for (const kind of ['text', 'number', 'email', 'phone', 'taxId', 'signature', 'fullName'] as const) {
      expect(check(place(kind, { required: false }), '   '), kind).toBeNull();
      expect(check(place(kind, { required: false }), undefined), kind).toBeNull();
      expect(check(place(kind), null), kind).toBe('validation.required');
    }
  });

  it('text: trims, normalises to NFC, counts characters not UTF-16 units, honours maxLength', () => {
    const nfd = '  Zażółć gęślą jaźń\r\n'.normalize('NFD');
    expect(check(place('text'), nfd)).toBe('Zażółć gęślą jaźń');
    expect(check(place('text', { maxLength: 5 }), 'Łódź!')).toBe('Łódź!');
    expect(check(place('text', { maxLength: 5 }), 'Łódź!?')).toBe('validation.tooLong');
    expect(check(place('text', { maxLength: 2 }), '😀😀')).toBe('😀😀');
    expect(check(place('text'), 'a'.repeat(1001))).toBe('validation.tooLong');
    expect(check(place('text'), 'line 1\r\nline 2')).toBe('line 1\nline 2');
    expect(check(place('text'), 'bell\u0007')).toBe('validation.invalid');
    expect(check(place('text'), 42)).toBe('validation.type');
  });

  it('full name and company name: one line, folded spaces', () => {
    expect(check(place('fullName'), '  Łukasz \n Żółkiewski ')).toBe('Łukasz Żółkiewski');
    expect(check(place('companyName'), 'Gęś i Syn sp. z o.o.')).toBe('Gęś i Syn sp. z o.o.');
    expect(check(place('companyName'), 'x'.repeat(201))).toBe('validation.tooLong');
    expect(check(place('fullName'), 'Jan\u0000Kowalski')).toBe('validation.invalid');
  });

  it('number: both locales, decimals and range', () => {
    const amount = place('number', { min: 0, max: 1_000_000, decimals: 2 });
    expect(check(amount, '1 234,56')).toBe(1234.56);
    expect(check(amount, '1,234.56')).toBe(1234.56);
    expect(check(amount, '1,234')).toBe(1234); // with two decimals allowed, only the thousands reading exists
    expect(check(amount, 99.5)).toBe(99.5);
    expect(check(amount, '12,345')).toBe(12345);
    expect(check(amount, '1,2345')).toBe('validation.decimals');
    expect(check(amount, 0.125)).toBe('validation.decimals');
    expect(check(amount, '-1')).toBe('validation.numberRange');
    expect(check(amount, '1 000 000,01')).toBe('validation.numberRange');
    expect(check(amount, '1 000 000,00')).toBe(1_000_000);
    expect(check(amount, 'dużo')).toBe('validation.number');
    expect(check(amount, Number.NaN)).toBe('validation.number');
    expect(check(amount, true)).toBe('validation.type');
    expect(check(place('number'), '1.234')).toBe('validation.numberAmbiguous');
    expect(check(place('number', { decimals: 0 }), '3,5')).toBe('validation.decimals');
  });

  it('checkbox: a boolean; a required one must be ticked', () => {
    expect(check(place('checkbox'), true)).toBe(true);
    expect(check(place('checkbox'), false)).toBe('validation.required');
    expect(check(place('checkbox', { required: false }), false)).toBe(false);
    expect(check(place('checkbox', { required: false }), undefined)).toBe(false);
    expect(check(place('checkbox', { required: false }), 'true')).toBe('validation.type');
    expect(check(place('checkbox', { required: false }), 1)).toBe('validation.type');
  });

  it('e-mail: lower-cased, syntax checked', () => {
    expect(check(place('email'), ' Anna.Nowak@Firma.PL ')).toBe('anna.nowak@firma.pl');
    expect(check(place('email'), 'anna@')).toBe('validation.email');
    expect(check(place('email'), 'anna nowak@firma.pl')).toBe('validation.email');
    expect(check(place('email'), `${'a'.repeat(250)}@x.pl`)).toBe('validation.tooLong');
  });

  it('phone: to E.164, a bare number read in the signer’s country', () => {
    expect(check(place('phone'), '601 234 567')).toBe('+48601234567');
    expect(check(place('phone'), '+49 30 1234567')).toBe('+49301234567');
    expect(check(place('phone'), '030 1234567', { country: 'DE' })).toBe('+49301234567');
    expect(check(place('phone'), '601 234 567', { country: 'ZZ' })).toBe('+48601234567');
    expect(check(place('phone'), '123')).toBe('validation.phone');
  });

  it('tax ID: NIP checksum for a Polish signer, text for others', () => {
    expect(check(place('taxId'), '123-456-32-18')).toBe('1234563218');
    expect(check(place('taxId'), 'PL 1234563218')).toBe('1234563218');
    expect(check(place('taxId'), '1234563219')).toBe('validation.nip');
    expect(check(place('taxId'), 'DE123456789', { country: 'pl' })).toBe('validation.nip');
    expect(check(place('taxId'), ' de 123456789 ', { country: 'DE' })).toBe('DE 123456789');
    expect(check(place('taxId'), '12-3456789', { country: 'US' })).toBe('12-3456789');
    expect(check(place('taxId'), 'abc#1', { country: 'DE' })).toBe('validation.taxId');
    expect(check(place('taxId'), 'X'.repeat(33), { country: 'DE' })).toBe('validation.tooLong');
  });

  it('date signed: only an ISO calendar date, as the system fills it', () => {
    expect(check(place('dateSigned'), '2025-03-14')).toBe('2025-03-14');
    expect(check(place('dateSigned'), '2024-02-29')).toBe('2024-02-29');
    expect(check(place('dateSigned'), '2025-02-29')).toBe('validation.date');
    expect(check(place('dateSigned'), '14.03.2025')).toBe('validation.date');
    expect(check(place('dateSigned'), '2025-03-14T10:00:00Z')).toBe('validation.date');
  });

  it('signature and initials: a PNG as base64', () => {
    const png = tinyPngBase64();
    expect(check(place('signature'), png)).toBe(png);
    expect(check(place('initials'), `data:image/png;base64,${png}`)).toBe(png);
    expect(check(place('signature'), Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]).toString('base64'))).toBe('validation.pngImage');
    expect(check(place('initials'), 'Jan Kowalski')).toBe('validation.pngImage');
    expect(check(place('signature'), { png })).toBe('validation.type');
  });
});

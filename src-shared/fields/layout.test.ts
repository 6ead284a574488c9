import { describe, expect, it } from 'vitest';
import { toValidationIssues } from '../contract/validate';
import { checkLayout, fieldLayoutSchema, validateLayout, type PageDimensions } from './layout';

const a4: PageDimensions = { width: 595, height: 842 };
const letter: PageDimensions = { width: 612, height: 792 };

function field(id: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { id, kind: 'text', page: 0, rect: { x: 50, y: 50, width: 100, height: 20 }, signerId: 'company', required: false, ...extra };
}
const at = (x: number, y: number, width = 100, height = 20) => ({ rect: { x, y, width, height } });

describe('validateLayout', () => {
  it('accepts a sensible layout and returns it parsed', () => {
    const layout = {
      fields: [
        field('sig-company', { kind: 'signature', ...at(50, 80, 180, 50), required: true }),
        field('date-company', { kind: 'dateSigned', ...at(50, 60, 100, 16) }),
        field('sig-client', { kind: 'signature', page: 1, signerId: 'client', ...at(340, 80, 180, 50), required: true }),
      ],
    };
    const check = checkLayout(layout, [a4, a4]);
    expect(check.issues).toEqual([]);
    expect(check.warnings).toEqual([]);
    expect(check.layout?.fields.map((f) => f.id)).toEqual(['sig-company', 'date-company', 'sig-client']);
    const date = check.layout?.fields[1];
    expect(date?.kind === 'dateSigned' && date.dateFormat).toBe('yyyy-MM-dd');
  });

  it('refuses a page beyond the document, naming the field', () => {
    const layout = { fields: [field('a'), field('b', { page: 2 })] };
    expect(validateLayout(layout, [a4, a4])).toEqual([{ path: 'fields.1.page', messageKey: 'validation.pageOutOfRange' }]);
    expect(validateLayout(layout, [a4, a4, a4])).toEqual([]);
    expect(checkLayout(layout, [a4, a4]).layout).toBeUndefined();
  });

  it('checks the rect against the size of its own page (Letter 612×792 vs A4 595×842)', () => {
    // 500 + 100 = 600 pt wide: fits Letter, not A4.
    const wide = { fields: [field('a', at(500, 100))] };
    expect(validateLayout(wide, [letter])).toEqual([]);
    expect(validateLayout(wide, [a4])).toEqual([{ path: 'fields.0.rect', messageKey: 'validation.fieldOutsidePage' }]);
    // 780 + 20 = 800 pt high: fits A4, not Letter.
    const high = { fields: [field('a', at(50, 780))] };
    expect(validateLayout(high, [a4])).toEqual([]);
    expect(validateLayout(high, [letter])).toEqual([{ path: 'fields.0.rect', messageKey: 'validation.fieldOutsidePage' }]);
    // Mixed document: the second page is Letter, the field sits on it.
    expect(validateLayout({ fields: [field('a', { page: 1, ...at(50, 780) })] }, [a4, letter])).toEqual([
      { path: 'fields.0.rect', messageKey: 'validation.fieldOutsidePage' },
    ]);
    // Exactly to the edge is inside.
    expect(validateLayout({ fields: [field('a', at(495, 822))] }, [a4])).toEqual([]);
  });

  it('refuses duplicate ids on the later field', () => {
    const layout = { fields: [field('a'), field('b', at(300, 300)), field('a', at(300, 500))] };
    expect(validateLayout(layout, [a4])).toEqual([{ path: 'fields.2.id', messageKey: 'validation.duplicateFieldId' }]);
  });

  it('refuses a tiny signature at its path', () => {
    const layout = { fields: [field('ok'), field('sig', { kind: 'signature', ...at(300, 300, 40, 10) })] };
    expect(validateLayout(layout, [a4])).toEqual([{ path: 'fields.1.rect', messageKey: 'validation.fieldTooSmall' }]);
  });

  it('reports every broken field, not only the first', () => {
    const layout = {
      fields: [field('a', { kind: 'nope' }), field('b'), field('c', { page: 9, ...at(300, 300) }), field('d', { signerId: '' })],
    };
    expect(validateLayout(layout, [a4])).toEqual([
      { path: 'fields.0.kind', messageKey: 'validation.choice' },
      { path: 'fields.2.page', messageKey: 'validation.pageOutOfRange' },
      { path: 'fields.3.signerId', messageKey: 'validation.required' },
    ]);
  });

  it('warns about overlapping fields of one signer but refuses overlap between signers', () => {
    const sameSigner = { fields: [field('sig', { kind: 'signature', ...at(50, 50, 200, 60) }), field('initials', { kind: 'initials', ...at(200, 60, 60, 30) })] };
    const same = checkLayout(sameSigner, [a4]);
    expect(same.issues).toEqual([]);
    expect(same.layout).toBeDefined();
    expect(same.warnings).toEqual([
      { path: 'fields.1.rect', messageKey: 'validation.fieldsOverlapSameSigner', fieldId: 'initials', otherFieldId: 'sig' },
    ]);

    const twoSigners = { fields: [field('a', at(50, 50)), field('b', { signerId: 'client', ...at(100, 60) })] };
    expect(checkLayout(twoSigners, [a4])).toMatchObject({ issues: [{ path: 'fields.1.rect', messageKey: 'validation.fieldsOverlap' }], warnings: [] });
  });

  it('does not call fields overlapping when they only touch, or sit on different pages', () => {
    const touching = { fields: [field('a', at(50, 50)), field('b', { signerId: 'client', ...at(150, 50) }), field('c', { signerId: 'client', ...at(50, 70) })] };
    expect(checkLayout(touching, [a4])).toMatchObject({ issues: [], warnings: [] });
    // The same neighbours listed the other way round (left of and below the first field).
    const reversed = { fields: [field('a', at(150, 70)), field('b', { signerId: 'client', ...at(50, 70) }), field('c', { signerId: 'client', ...at(150, 50) })] };
    expect(checkLayout(reversed, [a4])).toMatchObject({ issues: [], warnings: [] });
    const otherPage = { fields: [field('a', at(50, 50)), field('b', { signerId: 'client', page: 1, ...at(50, 50) })] };
    expect(checkLayout(otherPage, [a4, a4])).toMatchObject({ issues: [], warnings: [] });
  });

  it('refuses a field assigned to someone who does not sign the document', () => {
    const layout = { fields: [field('a'), field('b', { signerId: 'stranger', ...at(300, 300) })] };
    expect(validateLayout(layout, [a4], { signerIds: ['company', 'client'] })).toEqual([
      { path: 'fields.1.signerId', messageKey: 'validation.unknownSigner' },
    ]);
    expect(validateLayout(layout, [a4])).toEqual([]);
  });

  it('refuses something that is not a layout at all', () => {
    expect(validateLayout(null, [a4])).toEqual([{ path: '', messageKey: 'validation.type' }]);
    expect(validateLayout({ fields: 'x' }, [a4])).toEqual([{ path: 'fields', messageKey: 'validation.type' }]);
    expect(validateLayout({ fields: [] }, [a4])).toEqual([]);
  });

  it('refuses more fields than a layout may hold', () => {
    const many = Array.from({ length: 501 }, (_, i) => field(`f${i}`, at((i % 20) * 25, Math.floor(i / 20) * 30, 20, 20)));
    expect(validateLayout({ fields: many }, [{ width: 2000, height: 2000 }])).toEqual([{ path: 'fields', messageKey: 'validation.tooManyFields' }]);
  });
});

describe('fieldLayoutSchema', () => {
  it('carries the checks that need no page sizes, for use as a call input', () => {
    const parsed = fieldLayoutSchema.safeParse({ fields: [field('a'), field('a', { signerId: 'client' })] });
    expect(parsed.success).toBe(false);
    expect(parsed.success ? [] : toValidationIssues(parsed.error)).toEqual([
      { path: 'fields.1.id', messageKey: 'validation.duplicateFieldId' },
      { path: 'fields.1.rect', messageKey: 'validation.fieldsOverlap' },
    ]);
  });
});

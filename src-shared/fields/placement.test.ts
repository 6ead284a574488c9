import { describe, expect, it } from 'vitest';
import { toValidationIssues } from '../contract/validate';
import { allowedSources, fieldKinds, fieldSources, type FieldKind } from './kinds';
import { fieldPlacementSchema, type FieldPlacementInput } from './placement';
import { fieldSizeLimits } from './size-limits';

/** A placement of the given kind at its minimum size, which every kind must accept. */
function placement(kind: FieldKind, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const { minWidth, minHeight } = fieldSizeLimits[kind];
  return { id: `f-${kind}`, kind, page: 0, rect: { x: 10, y: 10, width: minWidth, height: minHeight }, signerId: 's1', required: true, ...extra };
}

function issuesOf(input: unknown) {
  const parsed = fieldPlacementSchema.safeParse(input);
  return parsed.success ? [] : toValidationIssues(parsed.error);
}

describe('fieldPlacementSchema', () => {
  it('accepts every kind at its minimum size', () => {
    for (const kind of fieldKinds) expect(issuesOf(placement(kind)), kind).toEqual([]);
  });

  it('refuses a kind it does not know, on the kind', () => {
    expect(issuesOf(placement('text', { kind: 'stamp' }))).toEqual([{ path: 'kind', messageKey: 'validation.choice' }]);
  });

  it('refuses a signature smaller than 60×20 pt and a huge one', () => {
    expect(issuesOf(placement('signature', { rect: { x: 0, y: 0, width: 59, height: 30 } }))).toEqual([
      { path: 'rect', messageKey: 'validation.fieldTooSmall' },
    ]);
    expect(issuesOf(placement('signature', { rect: { x: 0, y: 0, width: 100, height: 19.5 } }))).toEqual([
      { path: 'rect', messageKey: 'validation.fieldTooSmall' },
    ]);
    expect(issuesOf(placement('signature', { rect: { x: 0, y: 0, width: 560, height: 60 } }))).toEqual([
      { path: 'rect', messageKey: 'validation.fieldTooLarge' },
    ]);
  });

  it('keeps a checkbox small and square-ish', () => {
    expect(issuesOf(placement('checkbox', { rect: { x: 0, y: 0, width: 12, height: 12 } }))).toEqual([]);
    expect(issuesOf(placement('checkbox', { rect: { x: 0, y: 0, width: 28, height: 10 } }))).toEqual([
      { path: 'rect', messageKey: 'validation.fieldShape' },
    ]);
    expect(issuesOf(placement('checkbox', { rect: { x: 0, y: 0, width: 60, height: 60 } }))).toEqual([
      { path: 'rect', messageKey: 'validation.fieldTooLarge' },
    ]);
  });

  it('refuses zero or negative sizes and negative coordinates', () => {
    expect(issuesOf(placement('text', { rect: { x: 0, y: 0, width: 0, height: 20 } }))).toContainEqual({
      path: 'rect.width',
      messageKey: 'validation.fieldTooSmall',
    });
    expect(issuesOf(placement('text', { rect: { x: -1, y: 0, width: 50, height: 20 } }))).toEqual([
      { path: 'rect.x', messageKey: 'validation.fieldOutsidePage' },
    ]);
    expect(issuesOf(placement('text', { page: -1 }))).toEqual([{ path: 'page', messageKey: 'validation.pageOutOfRange' }]);
    expect(issuesOf(placement('text', { page: 1.5 }))).toEqual([{ path: 'page', messageKey: 'validation.pageOutOfRange' }]);
  });

  it('requires an id and a signer', () => {
    expect(issuesOf(placement('text', { signerId: '  ' }))).toEqual([{ path: 'signerId', messageKey: 'validation.required' }]);
    expect(issuesOf(placement('text', { id: '__proto__' }))).toEqual([{ path: 'id', messageKey: 'validation.id' }]);
    expect(issuesOf(placement('text', { required: undefined }))).toEqual([{ path: 'required', messageKey: 'validation.type' }]);
  });

  it('allows only the sources that make sense for a kind', () => {
    expect(issuesOf(placement('fullName', { source: 'fullName' }))).toEqual([]);
    expect(issuesOf(placement('text', { source: 'address' }))).toEqual([]);
    expect(issuesOf(placement('fullName', { source: 'email' }))).toEqual([{ path: 'source', messageKey: 'validation.sourceNotAllowed' }]);
    expect(issuesOf(placement('signature', { source: 'fullName' }))).toEqual([{ path: 'source', messageKey: 'validation.sourceNotAllowed' }]);
    expect(issuesOf(placement('number', { source: 'taxId' }))).toEqual([{ path: 'source', messageKey: 'validation.sourceNotAllowed' }]);
    expect(issuesOf(placement('text', { source: 'shoeSize' }))).toEqual([{ path: 'source', messageKey: 'validation.choice' }]);
    // Every allowed pair parses; every other pair is refused.
    for (const kind of fieldKinds) {
      for (const source of fieldSources) {
        const ok = allowedSources[kind].includes(source);
        expect(issuesOf(placement(kind, { source })).length === 0, `${kind} ← ${source}`).toBe(ok);
      }
    }
  });

  it('takes kind options only on their own kind', () => {
    expect(issuesOf(placement('number', { min: 0, max: 100, decimals: 2 }))).toEqual([]);
    expect(issuesOf(placement('text', { maxLength: 40 }))).toEqual([]);
    expect(issuesOf(placement('text', { min: 0 }))).toEqual([{ path: '', messageKey: 'validation.unknownField' }]);
    expect(issuesOf(placement('checkbox', { maxLength: 3 }))).toEqual([{ path: '', messageKey: 'validation.unknownField' }]);
    expect(issuesOf(placement('number', { min: 10, max: 1 }))).toEqual([{ path: 'max', messageKey: 'validation.numberRange' }]);
    expect(issuesOf(placement('number', { decimals: 7 }))).toEqual([{ path: 'decimals', messageKey: 'validation.decimals' }]);
  });

  it('gives a date-signed field a display format, ISO by default', () => {
    const parsed = fieldPlacementSchema.parse(placement('dateSigned') as FieldPlacementInput);
    expect(parsed.kind === 'dateSigned' && parsed.dateFormat).toBe('yyyy-MM-dd');
    const pl = fieldPlacementSchema.parse(placement('dateSigned', { dateFormat: 'dd.MM.yyyy' }) as FieldPlacementInput);
    expect(pl.kind === 'dateSigned' && pl.dateFormat).toBe('dd.MM.yyyy');
    expect(issuesOf(placement('dateSigned', { dateFormat: 'd MMM y' }))).toEqual([{ path: 'dateFormat', messageKey: 'validation.choice' }]);
  });

  it('trims a label and drops an empty placeholder', () => {
    const parsed = fieldPlacementSchema.parse(placement('text', { label: '  Kwota słownie ', placeholder: '   ' }) as FieldPlacementInput);
    expect(parsed.label).toBe('Kwota słownie');
    expect(parsed.placeholder).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { toValidationIssues } from '../contract/validate';
import { checkPresetValues, saveDocumentFieldsSchema } from './document-fields';
import { fieldLayoutSchema } from './layout';
import { signerRefs } from './signers';

const rect = (y: number, width = 150, height = 16) => ({ x: 20, y, width, height });
const layout = fieldLayoutSchema.parse({
  fields: [
    { id: 'sig', kind: 'signature', page: 0, rect: rect(20, 150, 40), signerId: 'counterparty-1', required: true },
    { id: 'date', kind: 'dateSigned', page: 0, rect: rect(70), signerId: 'counterparty-1', required: true },
    { id: 'company', kind: 'companyName', page: 0, rect: rect(90), signerId: 'counterparty-1', required: true, source: 'companyName' },
    { id: 'nip', kind: 'taxId', page: 0, rect: rect(110), signerId: 'counterparty-1', required: true },
    { id: 'phone', kind: 'phone', page: 0, rect: rect(130), signerId: 'company-1', required: false },
    { id: 'agree', kind: 'checkbox', page: 0, rect: rect(150, 12, 12), signerId: 'counterparty-1', required: true },
    { id: 'amount', kind: 'number', page: 0, rect: rect(170), signerId: 'company-1', required: false, decimals: 2 },
  ],
});

describe('checkPresetValues', () => {
  it('normalises the preparer’s values by each signer’s country and drops empty ones, required or not', () => {
    const countries: Record<string, string> = { 'counterparty-1': 'DE', 'company-1': 'PL' };
    const checked = checkPresetValues(layout, { company: '  Becker  Logistik GmbH ', nip: 'de129273398', phone: '601 234 567', agree: false, amount: '1 234,50' }, (s) => countries[s]);
    expect(checked).toEqual({ values: { company: 'Becker Logistik GmbH', nip: 'DE129273398', phone: '+48601234567', amount: 1234.5 }, issues: [] });
    expect(checkPresetValues(layout, { company: '', nip: '   ' })).toEqual({ values: {}, issues: [] });
  });

  it('refuses a value for a field that is not there, that only its signer fills, or that the field refuses', () => {
    const checked = checkPresetValues(layout, { ghost: 'x', sig: 'iVBORw0KGgo=', date: '2026-01-01', nip: '7792003348', amount: 'dużo' });
    expect(checked.values).toEqual({});
    expect(checked.issues).toEqual([
      { path: 'values.ghost', messageKey: 'validation.unknownField' },
      { path: 'values.sig', messageKey: 'validation.signerOnly' },
      { path: 'values.date', messageKey: 'validation.signerOnly' },
      { path: 'values.nip', messageKey: 'validation.nip' },
      { path: 'values.amount', messageKey: 'validation.number' },
    ]);
  });
});

describe('saveDocumentFieldsSchema', () => {
  const base = { id: '8d3b1f3c-4c4e-4a51-9d7a-4b8e0f1e2d3c', version: 1, layout: { fields: [] } };
  const issues = (input: unknown) => {
    const parsed = saveDocumentFieldsSchema.safeParse(input);
    return parsed.success ? [] : toValidationIssues(parsed.error);
  };

  it('takes an empty layout with no values', () => {
    expect(saveDocumentFieldsSchema.parse(base)).toEqual({ ...base, values: {} });
  });

  it('takes the fields as they come (the service checks them all at once) but not too many of them', () => {
    expect(issues({ ...base, layout: { fields: [{ kind: 'nope' }] } })).toEqual([]);
    expect(issues({ ...base, layout: { fields: Array.from({ length: 501 }, () => ({})) } })).toEqual([{ path: 'layout.fields', messageKey: 'validation.tooManyFields' }]);
    expect(issues({ ...base, layout: {} })).toEqual([{ path: 'layout.fields', messageKey: 'validation.type' }]);
  });

  it('never keys a value by __proto__, and refuses values of other shapes', () => {
    const parsed = saveDocumentFieldsSchema.parse({ ...base, values: JSON.parse('{"__proto__": "x", "a": "y"}') });
    expect(Object.getPrototypeOf(parsed.values)).toBe(Object.prototype);
    expect(Object.keys(parsed.values)).toEqual(['a']);
    expect(issues({ ...base, values: { a: { nested: true } } })).toEqual([{ path: 'values.a', messageKey: 'validation.type' }]);
  });
});

describe('signerRefs', () => {
  it('numbers each side on its own, so a second company signer leaves the counterparty’s reference alone', () => {
    expect(signerRefs([{ side: 'company' }, { side: 'counterparty' }])).toEqual(['company-1', 'counterparty-1']);
    expect(signerRefs([{ side: 'company' }, { side: 'company' }, { side: 'counterparty' }, { side: 'counterparty' }])).toEqual(['company-1', 'company-2', 'counterparty-1', 'counterparty-2']);
  });
});

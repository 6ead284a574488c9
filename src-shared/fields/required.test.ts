import { describe, expect, it } from 'vitest';
import { fieldLayoutSchema } from './layout';
import { fieldsBlockingSigning, missingRequired, validateSignerValues } from './required';

/** A 1×1 grey PNG: the smallest drawn signature the checks accept. */
const tinySignature = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNQAAAAIgAh4+9nCwAAAABJRU5ErkJggg==';
const rect = (y: number, width = 150, height = 40) => ({ x: 20, y, width, height });
const layout = fieldLayoutSchema.parse({
  fields: [
    { id: 'sig', kind: 'signature', page: 0, rect: rect(20), signerId: 'client', required: true },
    { id: 'date', kind: 'dateSigned', page: 0, rect: rect(70, 100, 16), signerId: 'client', required: true },
    { id: 'agree', kind: 'checkbox', page: 0, rect: rect(100, 12, 12), signerId: 'client', required: true },
    { id: 'nip', kind: 'taxId', page: 0, rect: rect(120, 100, 16), signerId: 'client', required: true },
    { id: 'note', kind: 'text', page: 0, rect: rect(140, 100, 16), signerId: 'client', required: false },
    { id: 'constructor', kind: 'text', page: 0, rect: rect(160, 100, 16), signerId: 'client', required: true },
    { id: 'boss', kind: 'signature', page: 1, rect: rect(20), signerId: 'company', required: true },
  ],
});

describe('missingRequired', () => {
  it('lists this signer’s required fields without a valid value, never the date signed', () => {
    expect(missingRequired(layout, 'client', {}).map((f) => f.id)).toEqual(['sig', 'agree', 'nip', 'constructor']);
    expect(missingRequired(layout, 'company', {}).map((f) => f.id)).toEqual(['boss']);
  });

  it('counts an invalid value as missing', () => {
    const values = { agree: false, nip: '1234563219', constructor: 'x', sig: 'not a png' };
    expect(missingRequired(layout, 'client', values).map((f) => f.id)).toEqual(['sig', 'agree', 'nip']);
    expect(missingRequired(layout, 'client', { ...values, agree: true, nip: '123-456-32-18' }).map((f) => f.id)).toEqual(['sig']);
  });

  it('checks a tax ID by the signer’s country', () => {
    const values = { agree: true, nip: 'DE123456789', constructor: 'x' };
    expect(missingRequired(layout, 'client', values).map((f) => f.id)).toEqual(['sig', 'nip']);
    expect(missingRequired(layout, 'client', values, { country: 'DE' }).map((f) => f.id)).toEqual(['sig']);
  });
});

describe('validateSignerValues', () => {
  it('normalises the signer’s values and reports every problem at once', () => {
    const result = validateSignerValues(layout, 'client', {
      agree: true,
      nip: '123 456 32 18',
      note: '  uwagi  ',
      boss: 'someone else’s field',
      date: '2020-01-01',
      ghost: 'x',
    });
    expect(result.values).toEqual({ agree: true, nip: '1234563218', note: 'uwagi' });
    expect(result.issues).toEqual([
      { path: 'values.boss', messageKey: 'validation.unknownField' },
      { path: 'values.date', messageKey: 'validation.unknownField' },
      { path: 'values.ghost', messageKey: 'validation.unknownField' },
      { path: 'values.sig', messageKey: 'validation.required' },
      { path: 'values.constructor', messageKey: 'validation.required' },
    ]);
  });
});

describe('fieldsBlockingSigning', () => {
  const contract = fieldLayoutSchema.parse({
    fields: [
      { id: 'sig', kind: 'signature', page: 0, rect: rect(20), signerId: 'counterparty-1', required: true },
      { id: 'company', kind: 'companyName', page: 0, rect: rect(70, 150, 16), signerId: 'counterparty-1', required: true, source: 'companyName' },
      { id: 'nip', kind: 'taxId', page: 0, rect: rect(90, 100, 16), signerId: 'counterparty-1', required: true, source: 'taxId' },
      { id: 'note', kind: 'text', page: 0, rect: rect(110, 100, 16), signerId: 'counterparty-1', required: false },
      { id: 'date', kind: 'dateSigned', page: 0, rect: rect(130, 100, 16), signerId: 'counterparty-1', required: true },
      { id: 'boss', kind: 'signature', page: 1, rect: rect(20), signerId: 'company-1', required: true },
    ],
  });
  const presets = { company: 'Agro-Lub Dostawy S.A.', nip: '7792003347' };

  it('a required field left empty blocks signing; the preparer’s values count as filled', () => {
    expect(fieldsBlockingSigning(contract, 'counterparty-1', presets, {}).map((f) => f.id)).toEqual(['sig']);
    expect(fieldsBlockingSigning(contract, 'counterparty-1', {}, {}).map((f) => f.id)).toEqual(['sig', 'company', 'nip']);
  });

  it('nothing blocks once every required field has a valid value; an optional one may stay empty', () => {
    const values = { sig: tinySignature };
    expect(fieldsBlockingSigning(contract, 'counterparty-1', presets, values)).toEqual([]);
  });

  it('the signer’s own value wins over the preset: clearing one blocks again, and a broken one is not a value', () => {
    expect(fieldsBlockingSigning(contract, 'counterparty-1', presets, { sig: tinySignature, company: '  ' }).map((f) => f.id)).toEqual(['company']);
    expect(fieldsBlockingSigning(contract, 'counterparty-1', presets, { sig: tinySignature, nip: '7792003348' }).map((f) => f.id)).toEqual(['nip']);
  });

  it('another signer’s empty fields do not block this one', () => {
    expect(fieldsBlockingSigning(contract, 'company-1', presets, {}).map((f) => f.id)).toEqual(['boss']);
    expect(fieldsBlockingSigning(contract, 'counterparty-1', presets, { sig: tinySignature }).map((f) => f.id)).not.toContain('boss');
  });
});

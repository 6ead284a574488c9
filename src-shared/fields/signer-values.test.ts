import { describe, expect, it } from 'vitest';
import { fieldLayoutSchema } from './layout';
import { signerValues } from './signer-values';

/** A 1×1 grey PNG: the smallest drawn signature the checks accept. */
const tinySignature = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNQAAAAIgAh4+9nCwAAAABJRU5ErkJggg==';
const rect = (y: number, width = 150, height = 40) => ({ x: 20, y, width, height });
const layout = fieldLayoutSchema.parse({
  fields: [
    { id: 'sig', kind: 'signature', page: 0, rect: rect(20), signerId: 'counterparty-1', required: true },
    { id: 'ini', kind: 'initials', page: 1, rect: rect(20, 60, 30), signerId: 'counterparty-1', required: false },
    { id: 'company', kind: 'companyName', page: 0, rect: rect(70, 150, 16), signerId: 'counterparty-1', required: true },
    { id: 'nip', kind: 'taxId', page: 0, rect: rect(90, 100, 16), signerId: 'counterparty-1', required: true },
    { id: 'date', kind: 'dateSigned', page: 0, rect: rect(130, 100, 16), signerId: 'counterparty-1', required: true },
    { id: 'boss', kind: 'signature', page: 1, rect: rect(60), signerId: 'company-1', required: true },
    { id: 'bossCompany', kind: 'companyName', page: 1, rect: rect(100, 150, 16), signerId: 'company-1', required: true },
  ],
});
const base = { layout, ref: 'counterparty-1', imageBase64: tinySignature, typed: {}, country: undefined };

describe('signerValues', () => {
  it('puts the preparer’s values, the signer’s own (theirs win), the image in every image field and the date signed together', () => {
    const result = signerValues({
      ...base,
      preset: { company: 'Agro-Lub Dostawy S.A.', nip: '7792003347', bossCompany: 'Zakłady Łódzkie' },
      typed: { company: '  Agro-Lub  Sp. z o.o. ' },
      // 23:30 UTC is already the next day in Warsaw: the date is read in the zone given.
      at: new Date('2026-05-04T23:30:00Z'),
      timeZone: 'Europe/Warsaw',
    });
    expect(result.issues).toEqual([]);
    expect(result.values).toEqual({ sig: tinySignature, ini: tinySignature, company: 'Agro-Lub Sp. z o.o.', nip: '7792003347', date: '2026-05-05' });
    expect(signerValues({ ...base, preset: { company: 'A', nip: '7792003347' }, at: new Date('2026-05-04T23:30:00Z'), timeZone: 'UTC' }).values.date).toBe('2026-05-04');
  });

  it('reports every issue at once: a required field empty, a value not theirs, the date typed by the signer', () => {
    const result = signerValues({ ...base, preset: {}, typed: { boss: tinySignature, date: '2020-01-01', nip: '123' }, at: new Date(), timeZone: 'UTC' });
    expect(result.values).toEqual({});
    expect(result.issues).toEqual([
      { path: 'values.boss', messageKey: 'validation.unknownField' },
      { path: 'values.date', messageKey: 'validation.unknownField' },
      { path: 'values.company', messageKey: 'validation.required' },
      { path: 'values.nip', messageKey: 'validation.nip' },
    ]);
  });

  it('reads a tax ID by the signer’s country', () => {
    const input = { ...base, preset: { company: 'Müller GmbH', nip: 'DE123456789' }, at: new Date(), timeZone: 'UTC' };
    expect(signerValues(input).issues).toEqual([{ path: 'values.nip', messageKey: 'validation.nip' }]);
    expect(signerValues({ ...input, country: 'DE' }).issues).toEqual([]);
  });
});

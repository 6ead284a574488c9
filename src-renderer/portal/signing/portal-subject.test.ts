import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src-shared/contract/errors';
import type { SigningSubject } from '../../../src-shared/portal/signing-session';
import { signRequestOf, signSubjectOf } from './portal-subject';

const subject: SigningSubject = {
  title: 'Umowa dostawy',
  number: 'UM/2025/7',
  companyName: 'Zakłady Łódzkie',
  preparerName: null,
  signer: { name: 'Jan Kowalski', ref: 'counterparty-1', country: null },
  layout: { fields: [] },
  values: { 'f-1': 'Łódź' },
  pageSizes: [{ width: 595, height: 842 }],
  status: 'waiting',
};

describe('the portal signing subject as the signing screen reads it', () => {
  it('names the signer by their layout reference, with the preset values and page sizes', () => {
    const file = new Blob(['%PDF-'], { type: 'application/pdf' });
    expect(signSubjectOf(subject, file)).toEqual({
      title: 'Umowa dostawy',
      number: 'UM/2025/7',
      file,
      fields: { layout: { fields: [] }, pageSizes: [{ width: 595, height: 842 }], values: { 'f-1': 'Łódź' } },
      signer: { name: 'Jan Kowalski', ref: 'counterparty-1', country: undefined },
    });
  });

  it('signs only with consent, and sends what the signer typed', () => {
    expect(signRequestOf({ method: 'drawn', image: 'iVBOR', consent: true, values: { 'f-2': true } })).toEqual({ method: 'drawn', image: 'iVBOR', consent: true, values: { 'f-2': true } });
    expect(() => signRequestOf({ method: 'typed', image: 'iVBOR', consent: false, values: {} })).toThrow(AppError);
  });
});

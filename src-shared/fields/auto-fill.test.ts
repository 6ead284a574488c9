import { describe, expect, it } from 'vitest';
import { autoFillValues, contactSourceText, type AutoFillContact } from './auto-fill';
import { fieldLayoutSchema, type FieldLayout } from './layout';

const polish: AutoFillContact = {
  firstName: 'Łukasz',
  lastName: 'Żółkiewski',
  companyName: 'Zakład Usług Różnych „Gęś” sp. z o.o.',
  position: 'Prezes Zarządu',
  taxId: '1234563218',
  email: 'lukasz.zolkiewski@gesi.pl',
  phone: '+48601234567',
  country: 'PL',
  street: 'ul. Źródlana 5/7',
  postalCode: '90-001',
  city: 'Łódź',
};

let n = 0;
function field(kind: string, extra: Record<string, unknown> = {}) {
  n++;
  const size = kind === 'signature' ? { width: 150, height: 40 } : kind === 'checkbox' ? { width: 12, height: 12 } : { width: 150, height: 16 };
  return { id: `f${n}`, kind, page: 0, rect: { x: 20, y: 20 * n, ...size }, signerId: 'client', required: true, ...extra };
}

function layoutOf(...fields: Record<string, unknown>[]): FieldLayout {
  return fieldLayoutSchema.parse({ fields });
}

describe('autoFillValues', () => {
  it('fills a Polish signer’s fields from their contact record, diacritics intact', () => {
    n = 0;
    const layout = layoutOf(
      field('fullName', { source: 'fullName' }),
      field('companyName', { source: 'companyName' }),
      field('taxId', { source: 'taxId' }),
      field('email', { source: 'email' }),
      field('phone', { source: 'phone' }),
      field('text', { source: 'address' }),
      field('text', { source: 'position' }),
      field('text', { source: 'lastName' }),
    );
    expect(autoFillValues(layout, 'client', polish)).toEqual({
      f1: 'Łukasz Żółkiewski',
      f2: 'Zakład Usług Różnych „Gęś” sp. z o.o.',
      f3: '1234563218',
      f4: 'lukasz.zolkiewski@gesi.pl',
      f5: '+48601234567',
      f6: 'ul. Źródlana 5/7, 90-001 Łódź',
      f7: 'Prezes Zarządu',
      f8: 'Żółkiewski',
    });
  });

  it('composes names typed with combining accents into single letters (NFC)', () => {
    n = 0;
    const layout = layoutOf(field('fullName', { source: 'fullName' }));
    const decomposed = { ...polish, firstName: polish.firstName.normalize('NFD'), lastName: polish.lastName.normalize('NFD') };
    expect(decomposed.lastName).not.toBe('Żółkiewski');
    expect(autoFillValues(layout, 'client', decomposed)).toEqual({ f1: 'Łukasz Żółkiewski' });
  });

  it('fills only this signer’s fields that have a source, and only with what the contact has', () => {
    n = 0;
    const layout = layoutOf(
      field('fullName', { source: 'fullName', signerId: 'company' }),
      field('fullName'),
      field('signature'),
      field('companyName', { source: 'companyName' }),
      field('phone', { source: 'phone' }),
    );
    const noCompany: AutoFillContact = { firstName: 'Anna', lastName: 'Nowak', country: 'PL', phone: '+48601234567' };
    expect(autoFillValues(layout, 'client', noCompany)).toEqual({ f5: '+48601234567' });
    expect(autoFillValues(layout, 'company', noCompany)).toEqual({ f1: 'Anna Nowak' });
    expect(autoFillValues(layout, 'nobody', noCompany)).toEqual({});
  });

  it('leaves out a contact value the field refuses, for the signer to type', () => {
    n = 0;
    const layout = layoutOf(field('text', { source: 'companyName', maxLength: 10 }), field('taxId', { source: 'taxId' }));
    // A foreign tax ID on a record marked PL fails the NIP check: better empty than wrong.
    expect(autoFillValues(layout, 'client', { ...polish, taxId: 'DE123456789' })).toEqual({});
  });

  it('keeps a foreign signer’s tax ID as text', () => {
    n = 0;
    const layout = layoutOf(field('taxId', { source: 'taxId' }));
    expect(autoFillValues(layout, 'client', { firstName: 'Max', lastName: 'Müller', taxId: 'de123456789', country: 'DE' })).toEqual({ f1: 'DE123456789' });
  });
});

describe('contactSourceText', () => {
  it('joins an address from what is there', () => {
    expect(contactSourceText({ firstName: 'A', lastName: 'B', city: 'Kraków' }, 'address')).toBe('Kraków');
    expect(contactSourceText({ firstName: 'A', lastName: 'B' }, 'address')).toBeUndefined();
    expect(contactSourceText({ firstName: 'A', lastName: 'B', email: '  ' }, 'email')).toBeUndefined();
  });
});

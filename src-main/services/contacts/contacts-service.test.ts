import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ContactFieldsInput } from '../../../src-shared/contacts/schema';
import { startTestApp, type TestApp } from '../../test-support/temp-services';

let app: TestApp;
beforeEach(async () => {
  app = await startTestApp();
});
afterEach(async () => {
  await app.close();
});

const anna: ContactFieldsInput = {
  kind: 'client',
  firstName: 'Anna',
  lastName: 'Łęcka',
  email: 'Anna.Lecka@Example.PL',
  phone: '601 234 567',
  companyName: 'Łódzkie Zakłady Sp. z o.o.',
  taxId: '525-000-12-33',
  city: 'Łódź',
  postalCode: '90-001',
};

function issuesOf(result: { ok: boolean; error?: { code: string; details?: Record<string, unknown> } }) {
  expect(result.ok).toBe(false);
  expect(result.error?.code).toBe('VALIDATION');
  return result.error?.details?.issues as { path: string; messageKey: string }[];
}

describe('contact validation', () => {
  it('normalises e-mail, phone to E.164 and the NIP to digits', async () => {
    const c = await app.ok('contacts.create', { fields: anna });
    expect(c).toMatchObject({ email: 'anna.lecka@example.pl', phone: '+48601234567', taxId: '5250001233', country: 'PL', archived: false });
  });

  it('names each bad field: e-mail syntax, phone number, NIP checksum — all at once', async () => {
    const result = await app.call('contacts.create', {
      fields: { ...anna, email: 'anna@', phone: '12', taxId: '525-000-12-34' },
    });
    expect(issuesOf(result)).toEqual(
      expect.arrayContaining([
        { path: 'fields.email', messageKey: 'validation.email' },
        { path: 'fields.phone', messageKey: 'validation.phone' },
        { path: 'fields.taxId', messageKey: 'validation.nip' },
      ]),
    );
    expect((await app.ok('contacts.list', {})).total).toBe(0);
  });

  it('accepts a foreign VAT ID as text but checks a Polish one', async () => {
    const foreign = await app.ok('contacts.create', {
      fields: { kind: 'partner', firstName: 'Jonas', lastName: 'Becker', country: 'de', taxId: 'de 129273398', postalCode: '10117' },
    });
    expect(foreign).toMatchObject({ country: 'DE', taxId: 'DE 129273398', postalCode: '10117' });
    const polishPostal = await app.call('contacts.create', { fields: { kind: 'client', firstName: 'A', lastName: 'B', postalCode: '10117' } });
    expect(issuesOf(polishPostal)).toEqual([{ path: 'fields.postalCode', messageKey: 'validation.postalCodePl' }]);
  });

  it("reads a phone number without a prefix in the contact's own country", async () => {
    const czech = await app.ok('contacts.create', { fields: { kind: 'supplier', firstName: 'Jana', lastName: 'Nováková', country: 'CZ', phone: '601 123 456' } });
    expect(czech.phone).toBe('+420601123456');
    const german = await app.ok('contacts.create', { fields: { kind: 'partner', firstName: 'Jonas', lastName: 'Becker', country: 'DE', phone: '030 901820' } });
    expect(german.phone).toBe('+4930901820');
    const polish = await app.ok('contacts.create', { fields: { kind: 'client', firstName: 'Ewa', lastName: 'Lis', phone: '602 123 456' } });
    expect(polish.phone).toBe('+48602123456');
  });

  it('requires names and a known kind', async () => {
    const result = await app.call('contacts.create', { fields: { kind: 'friend' as 'client', firstName: ' ', lastName: '' } });
    expect(issuesOf(result).map((i) => i.path).sort()).toEqual(['fields.firstName', 'fields.kind', 'fields.lastName']);
  });
});

describe('duplicates', () => {
  it('refuses a second contact with the same e-mail or phone and points at the existing one', async () => {
    const first = await app.ok('contacts.create', { fields: anna });
    const byEmail = await app.call('contacts.create', { fields: { ...anna, phone: '602 000 000', taxId: undefined, firstName: 'Other' } });
    expect(byEmail.ok).toBe(false);
    if (byEmail.ok) return;
    expect(byEmail.error.code).toBe('DUPLICATE');
    expect(byEmail.error.details?.matches).toEqual([{ field: 'email', existingId: first.id, existingName: 'Anna Łęcka' }]);

    const byPhone = await app.call('contacts.create', { fields: { ...anna, email: 'x@example.pl', phone: '+48 601-234-567', taxId: undefined } });
    expect(!byPhone.ok && byPhone.error.details?.matches).toEqual([{ field: 'phone', existingId: first.id, existingName: 'Anna Łęcka' }]);
  });

  it('lets only one of two simultaneous saves of the same person through', async () => {
    const results = await Promise.all([app.call('contacts.create', { fields: anna }), app.call('contacts.create', { fields: anna })]);
    expect(results.map((r) => (r.ok ? 'saved' : r.error.code)).sort()).toEqual(['DUPLICATE', 'saved']);
    expect((await app.ok('contacts.list', {})).total).toBe(1);
  });

  it('treats a shared tax ID as a colleague only when asked to', async () => {
    await app.ok('contacts.create', { fields: anna });
    const colleague = { ...anna, firstName: 'Jan', lastName: 'Kowal', email: 'jan@example.pl', phone: '603 000 000' };
    const refused = await app.call('contacts.create', { fields: colleague });
    expect(!refused.ok && refused.error.details?.matches).toEqual([expect.objectContaining({ field: 'taxId' })]);
    const saved = await app.ok('contacts.create', { fields: colleague, allowSharedTaxId: true });
    expect(saved.taxId).toBe('5250001233');
  });

  it('does not ask again about a shared tax ID the contact already had', async () => {
    await app.ok('contacts.create', { fields: anna });
    const colleague = await app.ok('contacts.create', {
      fields: { ...anna, firstName: 'Jan', lastName: 'Kowal', email: 'jan@example.pl', phone: '603 000 000' },
      allowSharedTaxId: true,
    });
    const edited = await app.ok('contacts.update', { id: colleague.id, fields: { ...anna, firstName: 'Jan', lastName: 'Kowal', email: 'jan@example.pl', phone: '603 000 000', position: 'Księgowy' } });
    expect(edited.position).toBe('Księgowy');
  });

  it('does not flag a contact as its own duplicate when it is edited', async () => {
    const c = await app.ok('contacts.create', { fields: anna });
    const edited = await app.ok('contacts.update', { id: c.id, fields: { ...anna, position: 'Prezes' } });
    expect(edited.position).toBe('Prezes');
    expect(edited.createdAt).toBe(c.createdAt);
  });
});

describe('list, search, sort', () => {
  beforeEach(async () => {
    await app.ok('contacts.create', { fields: anna });
    await app.ok('contacts.create', { fields: { kind: 'supplier', firstName: 'Zenon', lastName: 'Zając', companyName: 'Agro' } });
    await app.ok('contacts.create', { fields: { kind: 'partner', firstName: 'Bartosz', lastName: 'Lis', email: 'b.lis@kancelaria.pl' } });
  });

  it('finds without diacritics and by several words, phone digits or e-mail', async () => {
    const names = async (query: string) => (await app.ok('contacts.list', { query })).items.map((c) => c.lastName);
    expect(await names('lodz')).toEqual(['Łęcka']);
    expect(await names('anna LECKA')).toEqual(['Łęcka']);
    expect(await names('601234')).toEqual(['Łęcka']);
    expect(await names('kancelaria')).toEqual(['Lis']);
    expect(await names('100%_')).toEqual([]);
  });

  it('filters by kind and sorts by folded name, both ways', async () => {
    expect((await app.ok('contacts.list', { kinds: ['supplier', 'partner'] })).items.map((c) => c.kind).sort()).toEqual(['partner', 'supplier']);
    const asc = (await app.ok('contacts.list', {})).items.map((c) => c.lastName);
    expect(asc).toEqual(['Łęcka', 'Lis', 'Zając']);
    const desc = (await app.ok('contacts.list', { descending: true })).items.map((c) => c.lastName);
    expect(desc).toEqual(['Zając', 'Lis', 'Łęcka']);
    const page = await app.ok('contacts.list', { limit: 2, offset: 2 });
    expect(page).toMatchObject({ total: 3, items: [expect.objectContaining({ lastName: 'Zając' })] });
  });

  it('hides archived contacts unless asked', async () => {
    const [first] = (await app.ok('contacts.list', {})).items;
    await app.ok('contacts.setArchived', { id: first!.id, archived: true });
    expect((await app.ok('contacts.list', {})).total).toBe(2);
    expect((await app.ok('contacts.list', { includeArchived: true })).items.find((c) => c.id === first!.id)?.archived).toBe(true);
  });
});

describe('delete', () => {
  it('refuses while a document uses the contact, naming the document, and allows archiving instead', async () => {
    const demo = await startTestApp({ demo: true });
    try {
      const { items } = await demo.ok('contacts.list', { query: 'Kowalczyk' });
      const used = items[0]!;
      const refused = await demo.call('contacts.delete', { id: used.id });
      expect(refused.ok).toBe(false);
      if (refused.ok) return;
      expect(refused.error).toMatchObject({ code: 'IN_USE', messageKey: 'errors.contactInUse' });
      expect(refused.error.details?.documents).toEqual([expect.objectContaining({ number: expect.stringMatching(/^UM\/\d{4}\/\d{2}\/0001$/), title: 'Umowa dostawy materiałów biurowych' })]);
      expect((await demo.ok('contacts.get', { id: used.id })).id).toBe(used.id);
      expect((await demo.ok('contacts.setArchived', { id: used.id, archived: true })).archived).toBe(true);
    } finally {
      await demo.close();
    }
  });

  it('deletes an unused contact, and then it is gone', async () => {
    const c = await app.ok('contacts.create', { fields: anna });
    expect(await app.ok('contacts.delete', { id: c.id })).toEqual({ id: c.id });
    const gone = await app.call('contacts.get', { id: c.id });
    expect(!gone.ok && gone.error.code).toBe('NOT_FOUND');
  });
});

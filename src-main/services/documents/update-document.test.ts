import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { base64, resourcesDir, startTestApp, type TestApp } from '../../test-support/temp-services';

let app: TestApp;
let admin: string;
let sha: string;
let contact: string;
let other: string;

beforeEach(async () => {
  app = await startTestApp();
  admin = (await app.ok('setup.complete', { company: { name: 'Zakłady Łódzkie Sp. z o.o.' }, userName: 'Anna Nowak' })).user.id;
  sha = (await app.ok('pdf.import', { data: base64(fs.readFileSync(path.join(resourcesDir, 'samples', 'nda-pl.pdf'))) })).sha256;
  contact = (await app.ok('contacts.create', { fields: { kind: 'partner', firstName: 'Agnieszka', lastName: 'Dąbrowska', companyName: 'Kancelaria Dąbrowska' } })).id;
  other = (await app.ok('contacts.create', { fields: { kind: 'client', firstName: 'Jonas', lastName: 'Becker', country: 'DE' } })).id;
});
afterEach(async () => {
  await app.close();
});

const draft = () => app.ok('documents.create', { fileSha256: sha, originalName: 'nda-pl.pdf', title: 'NDA', companySignerIds: [], counterpartyContactIds: [] });
const signatureFor = (signer: string, id: string) => ({ id, kind: 'signature' as const, page: 0, rect: { x: 72, y: id === 'f1' ? 72 : 200, width: 180, height: 50 }, signerId: signer, required: true });

describe('documents.update', () => {
  it('changes a Draft’s title, amount and signers, records what changed in the history, and finds it by the new counterparty', async () => {
    const doc = await draft();
    const updated = await app.ok('documents.update', { id: doc.id, version: doc.version, title: 'Umowa NDA', amountMinor: 120_000, companySignerIds: [admin], counterpartyContactIds: [contact] });
    expect(updated).toMatchObject({ title: 'Umowa NDA', amountMinor: 120_000, currency: 'PLN', version: 2, chainIntact: true });
    expect(updated.signers.map((s) => [s.side, s.name])).toEqual([['company', 'Anna Nowak'], ['counterparty', 'Agnieszka Dąbrowska']]);
    expect(updated.events.at(-1)).toMatchObject({ type: 'updated', actor: 'Anna Nowak', details: { changed: 'title,amount,signers' } });
    const found = await app.ok('documents.list', { filter: { query: 'Dąbrowska' } });
    expect(found.items.map((d) => d.id)).toEqual([doc.id]);

    const same = await app.ok('documents.update', { id: doc.id, version: 2, title: 'Umowa NDA', companySignerIds: [admin] });
    expect(same.version).toBe(2);
    expect(same.events).toHaveLength(updated.events.length);

    const swapped = await app.ok('documents.update', { id: doc.id, version: 2, counterpartyContactIds: [other, contact], currency: 'EUR', dueDate: '2030-01-31' });
    expect(swapped.signers.map((s) => s.name)).toEqual(['Anna Nowak', 'Jonas Becker', 'Agnieszka Dąbrowska']);
    expect(swapped).toMatchObject({ dueDate: '2030-01-31', amountMinor: 120_000, currency: 'EUR', version: 3 });
    expect(swapped.events.at(-1)?.details).toEqual({ changed: 'amount,dueDate,signers' });
  });

  it('refuses a stale version, a user without the right to sign, a missing contact, and a document no longer a Draft', async () => {
    const doc = await draft();
    const stale = await app.call('documents.update', { id: doc.id, version: doc.version + 1, title: 'X' });
    expect(!stale.ok && stale.error.messageKey).toBe('documents.changedMeanwhile');
    const clerk = await app.ok('users.add', { name: 'Piotr Zieliński', isAdmin: false, isSigner: false });
    const notSigner = await app.call('documents.update', { id: doc.id, version: doc.version, companySignerIds: [clerk.id] });
    expect(!notSigner.ok && notSigner.error.messageKey).toBe('documents.notASigner');
    const missing = await app.call('documents.update', { id: doc.id, version: doc.version, counterpartyContactIds: ['00000000-0000-4000-8000-000000000000'] });
    expect(!missing.ok && missing.error.messageKey).toBe('documents.contactMissing');

    const ready = await app.ok('documents.update', { id: doc.id, version: doc.version, companySignerIds: [admin], counterpartyContactIds: [contact] });
    const [company, counterparty] = ready.signers.map((s) => String(s.id));
    const sent = await app.ok('signing.send', { id: doc.id, version: ready.version, order: 'companyFirst', channels: { [company!]: 'app', [counterparty!]: 'inPerson' } });
    const late = await app.call('documents.update', { id: doc.id, version: sent.version, title: 'Too late' });
    expect(!late.ok && late.error.messageKey).toBe('documents.notDraft');
  });

  it('keeps the field layout by side and place: a removed counterparty leaves its field without a signer, which the next save refuses', async () => {
    const doc = await app.ok('documents.update', { id: (await draft()).id, version: 1, companySignerIds: [admin], counterpartyContactIds: [contact, other] });
    const fields = await app.ok('documents.fields.get', { id: doc.id });
    const layout = { fields: [signatureFor('company-1', 'f1'), signatureFor('counterparty-2', 'f2')] };
    const saved = await app.ok('documents.fields.save', { id: doc.id, version: fields.version, layout, values: {} });
    const fewer = await app.ok('documents.update', { id: doc.id, version: saved.version, counterpartyContactIds: [contact] });
    const after = await app.ok('documents.fields.get', { id: doc.id });
    expect(after.layout.fields.map((f) => f.signerId)).toEqual(['company-1', 'counterparty-2']);
    expect(after.signers.map((s) => s.ref)).toEqual(['company-1', 'counterparty-1']);
    const refused = await app.call('documents.fields.save', { id: doc.id, version: fewer.version, layout: after.layout, values: {} });
    expect(!refused.ok && refused.error.details?.issues).toEqual([expect.objectContaining({ path: 'layout.fields.1.signerId', messageKey: 'validation.unknownSigner' })]);
  });
});

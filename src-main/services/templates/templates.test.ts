import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import en from '../../../src-shared/i18n/locales/en.json';
import pl from '../../../src-shared/i18n/locales/pl.json';
import type { FieldLayoutInput } from '../../../src-shared/fields/layout';
import { refusalOf } from '../../test-support/app-error';
import { base64, resourcesDir, startTestApp, type TestApp } from '../../test-support/temp-services';

let app: TestApp;
let admin: string;
let jan: string;
let ewa: string;

beforeEach(async () => {
  app = await startTestApp();
  admin = (await app.ok('setup.complete', { company: { name: 'Zakłady Łódzkie Sp. z o.o.' }, userName: 'Anna Nowak' })).user.id;
  jan = (await app.ok('contacts.create', { fields: { kind: 'client', firstName: 'Jan', lastName: 'Kowalski', companyName: 'Drukarnia Bałtycka' } })).id;
  ewa = (await app.ok('contacts.create', { fields: { kind: 'partner', firstName: 'Ewa', lastName: 'Zielińska', companyName: 'Biuro Rachunkowe Zielińska' } })).id;
});
afterEach(async () => {
  await app.close();
});

/** On page 1 at (x, y): a signature box, or a line of text. */
const at = (x: number, y: number, kind: 'signature' | 'line' = 'line') => ({ page: 0, rect: { x, y, width: 180, height: kind === 'signature' ? 50 : 20 } });
const layout: FieldLayoutInput = {
  fields: [
    { id: 'sig-company', kind: 'signature', signerId: 'company-1', required: true, ...at(60, 80, 'signature') },
    { id: 'place', kind: 'text', signerId: 'company-1', required: false, ...at(60, 140) },
    { id: 'sig-client', kind: 'signature', signerId: 'counterparty-1', required: true, ...at(340, 80, 'signature') },
    { id: 'client-company', kind: 'companyName', signerId: 'counterparty-1', required: true, source: 'companyName', ...at(340, 140) },
  ],
};

async function draftWithFields(companySignerIds = [admin], counterpartyContactIds = [jan], fields = layout) {
  const sha = (await app.ok('pdf.import', { data: base64(fs.readFileSync(path.join(resourcesDir, 'samples', 'nda-pl.pdf'))) })).sha256;
  const doc = await app.ok('documents.create', { fileSha256: sha, originalName: 'nda-pl.pdf', title: 'Umowa o zachowaniu poufności', companySignerIds, counterpartyContactIds });
  await app.ok('documents.fields.save', { id: doc.id, version: doc.version, layout: fields, values: { place: 'Łódź', 'client-company': 'Drukarnia Bałtycka' } });
  return app.ok('documents.get', { id: doc.id });
}

const saveTemplate = async (name: string) => app.ok('templates.saveFromDocument', { documentId: (await draftWithFields()).id, name });
const fieldsOf = async (id: string) => app.ok('documents.fields.get', { id });

describe('templates: saving', () => {
  it("keeps a Draft's file, its fields by place, the company's employee, the number of counterparties; listed with the page count", async () => {
    const doc = await draftWithFields();
    const template = await app.ok('templates.saveFromDocument', { documentId: doc.id, name: '  Umowa NDA — klient ' });
    expect(template).toMatchObject({
      name: 'Umowa NDA — klient',
      fileSha256: doc.originalSha256,
      originalName: 'nda-pl.pdf',
      companyRoles: [{ ref: 'company-1', userId: admin, name: 'Anna Nowak', canSign: true }],
      counterpartyRoles: 1,
      fieldCount: 4,
      sendDefaults: {},
      createdBy: admin,
      createdByName: 'Anna Nowak',
    });
    expect(template.pageCount).toBe((await fieldsOf(doc.id)).pageSizes.length);
    expect(template.layout.fields.map((f) => [f.id, f.signerId])).toEqual([
      ['sig-company', 'company-1'],
      ['place', 'company-1'],
      ['sig-client', 'counterparty-1'],
      ['client-company', 'counterparty-1'],
    ]);
    // The company's text stays; the counterparty's company name was Jan's, and the next counterparty is someone else.
    expect(template.values).toEqual({ place: 'Łódź' });
    const { layout: _layout, values: _values, ...summary } = template;
    expect(await app.ok('templates.list', {})).toEqual([summary]);
    expect(await app.ok('templates.get', { id: template.id })).toEqual(template);
  });

  it('needs a name, unique in the company whatever its case, spacing or Polish letters; rename follows the same rule', async () => {
    const required = await refusalOf(app.call('templates.saveFromDocument', { documentId: (await draftWithFields()).id, name: '   ' }));
    expect(required).toMatchObject({ code: 'VALIDATION', details: { issues: [{ path: 'name', messageKey: 'validation.required' }] } });
    const first = await saveTemplate('Umowa Łódź');
    const taken = await refusalOf(app.call('templates.saveFromDocument', { documentId: (await draftWithFields()).id, name: 'UMOWA   ŁÓDŹ' }));
    expect(taken).toEqual({ code: 'DUPLICATE', messageKey: 'templates.nameTaken', details: { name: 'UMOWA   ŁÓDŹ', issues: [{ path: 'name', messageKey: 'templates.nameTakenShort' }] } });

    const second = await saveTemplate('Umowa Gdańsk');
    expect((await refusalOf(app.call('templates.rename', { id: second.id, name: 'umowa łódź' }))).messageKey).toBe('templates.nameTaken');
    expect((await app.ok('templates.rename', { id: first.id, name: 'UMOWA ŁÓDŹ' })).name).toBe('UMOWA ŁÓDŹ');
    expect((await app.ok('templates.list', {})).map((t) => t.name)).toEqual(['Umowa Gdańsk', 'UMOWA ŁÓDŹ']);
    expect((await refusalOf(app.call('templates.get', { id: '00000000-0000-4000-8000-000000000000' }))).messageKey).toBe('templates.notFound');
  });

  it('from a sent document, keeps what it was sent with as the defaults', async () => {
    // Late in the evening: the days count by date, not by hours left.
    app.context.now = () => new Date('2026-03-03T22:30:00Z');
    const doc = await draftWithFields();
    const expiresOn = '2026-03-13';
    const channels = Object.fromEntries(doc.signers.map((s) => [String(s.id), s.side === 'company' ? ('app' as const) : ('inPerson' as const)]));
    await app.ok('signing.send', { id: doc.id, version: doc.version, order: 'parallel', channels, expiresOn, message: 'Proszę o podpis.', language: 'pl', reminderDays: 3 });
    const template = await app.ok('templates.saveFromDocument', { documentId: doc.id, name: 'Wysłana umowa' });
    expect(template.sendDefaults).toEqual({ order: 'parallel', message: 'Proszę o podpis.', language: 'pl', reminderDays: 3, expiryDays: 10 });

    const draft = (await app.ok('templates.startDraft', { id: template.id, title: 'Nowa umowa', counterpartyContactIds: [] })).document;
    // The wizard resumes the Draft with these as its delivery choices; the deadline counts from today.
    expect(draft.sendPlan).toEqual({ order: 'parallel', channels: {}, message: 'Proszę o podpis.', language: 'pl', reminderDays: 3, expiresOn });

    // A Draft's chosen day counts from the day the template is saved.
    const fresh = await draftWithFields();
    await app.ok('documents.sendPlan.save', { id: fresh.id, version: fresh.version, expiresOn: '2026-03-08', language: 'en' });
    expect((await app.ok('templates.saveFromDocument', { documentId: fresh.id, name: 'Szkic z terminem' })).sendDefaults).toEqual({ language: 'en', expiryDays: 5 });
  });
});

describe('templates: starting a Draft', () => {
  it('gives the file, the company signer and the fields; the counterparty chosen in step 2 gets counterparty-1’s fields', async () => {
    const template = await saveTemplate('Umowa NDA');
    const { document, openCompanyRoles } = await app.ok('templates.startDraft', { id: template.id, title: 'NDA z Ewą', counterpartyContactIds: [] });
    expect(openCompanyRoles).toEqual([]);
    expect(document).toMatchObject({ title: 'NDA z Ewą', phase: 'draft', originalSha256: template.fileSha256, originalName: 'nda-pl.pdf' });
    expect(document.signers.map((s) => [s.side, s.userId ?? s.contactId])).toEqual([['company', admin]]);
    expect(document.events.map((e) => e.type)).toEqual(['created', 'fieldsSaved']);
    expect(document.events[1]!.details).toMatchObject({ fields: '4', template: 'Umowa NDA' });

    // Step 2 picks Ewa, someone the template never saw: the counterparty place is hers, with its fields.
    const withEwa = await app.ok('documents.update', { id: document.id, version: document.version, counterpartyContactIds: [ewa] });
    const fields = await fieldsOf(document.id);
    expect(fields.signers.map((s) => [s.ref, s.name])).toEqual([
      ['company-1', 'Anna Nowak'],
      ['counterparty-1', 'Ewa Zielińska'],
    ]);
    expect(fields.layout.fields.filter((f) => f.signerId === 'counterparty-1').map((f) => f.id)).toEqual(['sig-client', 'client-company']);
    expect(fields.values).toEqual({ place: 'Łódź' });
    // The layout holds on the Draft's own pages and signers: the editor's save takes it as it is.
    const saved = await app.ok('documents.fields.save', { id: document.id, version: withEwa.version, layout: fields.layout, values: { ...fields.values, 'client-company': 'Biuro Rachunkowe Zielińska' } });
    expect(saved.layout.fields).toHaveLength(4);
  });

  it('a counterparty given at the start (the contact the wizard was opened for) takes the first counterparty place', async () => {
    const template = await saveTemplate('Umowa NDA');
    const { document } = await app.ok('templates.startDraft', { id: template.id, title: 'NDA', counterpartyContactIds: [ewa] });
    expect(document.signers.map((s) => s.name)).toEqual(['Anna Nowak', 'Ewa Zielińska']);
    const archived = await app.ok('contacts.setArchived', { id: jan, archived: true });
    expect((await refusalOf(app.call('templates.startDraft', { id: template.id, title: 'NDA', counterpartyContactIds: [archived.id] }))).messageKey).toBe('documents.contactArchived');
  });

  it('an employee who can no longer sign leaves their place open, after those who can, with their fields and without their values', async () => {
    const piotr = (await app.ok('users.add', { name: 'Piotr Wiśniewski', isAdmin: false, isSigner: true })).id;
    const twoCompany: FieldLayoutInput = { fields: [...layout.fields, { id: 'sig-admin', kind: 'signature', signerId: 'company-2', required: true, ...at(60, 300, 'signature') }] };
    const doc = await draftWithFields([piotr, admin], [jan], twoCompany);
    const template = await app.ok('templates.saveFromDocument', { documentId: doc.id, name: 'Dwa podpisy' });
    await app.ok('users.update', { id: piotr, name: 'Piotr Wiśniewski', isAdmin: false, isSigner: false });
    expect((await app.ok('templates.get', { id: template.id })).companyRoles.map((r) => [r.name, r.canSign])).toEqual([
      ['Piotr Wiśniewski', false],
      ['Anna Nowak', true],
    ]);

    const { document, openCompanyRoles } = await app.ok('templates.startDraft', { id: template.id, title: 'Bez Piotra', counterpartyContactIds: [ewa] });
    expect(openCompanyRoles).toEqual(['Piotr Wiśniewski']);
    expect(document.signers.filter((s) => s.side === 'company').map((s) => s.userId)).toEqual([admin]);
    const fields = await fieldsOf(document.id);
    const byId = Object.fromEntries(fields.layout.fields.map((f) => [f.id, f.signerId]));
    // Anna is now company-1 with her signature; Piotr's fields wait in company-2 for whoever step 2 adds.
    expect(byId).toMatchObject({ 'sig-admin': 'company-1', 'sig-company': 'company-2', place: 'company-2', 'sig-client': 'counterparty-1' });
    expect(fields.values).toEqual({});
  });
});

describe('templates: renaming, deleting, and what a template outlives', () => {
  it('only whoever saved it, or an administrator, renames or deletes it; everyone may use it', async () => {
    const template = await saveTemplate('Umowa NDA');
    const piotr = (await app.ok('users.add', { name: 'Piotr Wiśniewski', isAdmin: false, isSigner: true })).id;
    await app.ok('users.switch', { id: piotr });
    expect(await refusalOf(app.call('templates.rename', { id: template.id, name: 'Moja' }))).toMatchObject({ code: 'FORBIDDEN', messageKey: 'templates.notYours' });
    expect(await refusalOf(app.call('templates.delete', { id: template.id }))).toMatchObject({ code: 'FORBIDDEN', messageKey: 'templates.notYours' });
    expect((await app.ok('templates.startDraft', { id: template.id, title: 'Od Piotra', counterpartyContactIds: [] })).document.ownerId).toBe(piotr);
    const own = await saveTemplate('Szablon Piotra');
    expect(await app.ok('templates.delete', { id: own.id })).toEqual({ id: own.id });

    await app.ok('users.switch', { id: admin });
    expect(await app.ok('templates.delete', { id: template.id })).toEqual({ id: template.id });
    expect(await app.ok('templates.list', {})).toEqual([]);
    expect((await refusalOf(app.call('templates.startDraft', { id: template.id, title: 'x', counterpartyContactIds: [] }))).messageKey).toBe('templates.notFound');
    // The file stays: documents use it.
    expect(await app.context.files.has(template.fileSha256)).toBe(true);
  });

  it('outlives the document it was saved from', async () => {
    const doc = await draftWithFields();
    const template = await app.ok('templates.saveFromDocument', { documentId: doc.id, name: 'Umowa NDA' });
    // There is no document deletion yet; when there is, it removes these rows and, a template aside, nothing else.
    app.store.sqlite.exec(`
      delete from document_fields where document_id = '${doc.id}'; delete from document_signers where document_id = '${doc.id}';
      delete from document_events where document_id = '${doc.id}'; delete from documents_fts where document_id = '${doc.id}';
      delete from documents where id = '${doc.id}';
    `);
    const { document } = await app.ok('templates.startDraft', { id: template.id, title: 'Po usunięciu', counterpartyContactIds: [ewa] });
    expect((await fieldsOf(document.id)).layout.fields).toHaveLength(4);
    expect((await app.ok('documents.file', { id: document.id, which: 'original' })).name).toBe('nda-pl.pdf');
  });

  it('says every refusal in both languages', () => {
    const keys = ['notFound', 'nameTaken', 'nameTakenShort', 'notYours'];
    for (const catalogue of [en, pl]) expect(keys.filter((k) => !(k in catalogue.templates))).toEqual([]);
  });
});

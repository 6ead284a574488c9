import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FieldLayoutInput } from '../../../src-shared/fields/layout';
import { base64, resourcesDir, startTestApp, type TestApp } from '../../test-support/temp-services';
import { documentSignerRefs, readDocumentFields } from './fields-service';

let app: TestApp;
let admin: string;
let documentId: string;

beforeEach(async () => {
  app = await startTestApp();
  admin = (await app.ok('setup.complete', { company: { name: 'Zakłady Łódzkie Sp. z o.o.', taxId: '7251801126' }, userName: 'Anna Nowak' })).user.id;
  const sha = (await app.ok('pdf.import', { data: base64(fs.readFileSync(path.join(resourcesDir, 'samples', 'nda-pl.pdf'))) })).sha256;
  const contact = await app.ok('contacts.create', {
    fields: { kind: 'partner', firstName: 'Agnieszka', lastName: 'Dąbrowska', companyName: 'Kancelaria Dąbrowska', taxId: '6771234561', phone: '22 628 44 10' },
  });
  documentId = (
    await app.ok('documents.create', { fileSha256: sha, originalName: 'nda-pl.pdf', title: 'Umowa o zachowaniu poufności', companySignerIds: [admin], counterpartyContactIds: [contact.id] })
  ).id;
});
afterEach(async () => {
  await app.close();
});

const rect = (x: number, y: number, width = 180, height = 20) => ({ x, y, width, height });
const layout: FieldLayoutInput = {
  fields: [
    { id: 'sig-company', kind: 'signature', page: 0, rect: rect(60, 80, 180, 50), signerId: 'company-1', required: true },
    { id: 'sig-client', kind: 'signature', page: 0, rect: rect(340, 80, 180, 50), signerId: 'counterparty-1', required: true, label: 'Podpis' },
    { id: 'client-company', kind: 'companyName', page: 0, rect: rect(340, 140), signerId: 'counterparty-1', required: true, source: 'companyName' },
    { id: 'client-nip', kind: 'taxId', page: 0, rect: rect(340, 170, 120), signerId: 'counterparty-1', required: false, source: 'taxId' },
  ],
};

async function save(input: Partial<Parameters<TestApp['ok']>[1]> & Record<string, unknown>) {
  const version = (await app.ok('documents.fields.get', { id: documentId })).version;
  return app.call('documents.fields.save', { id: documentId, version, layout, values: {}, ...input } as never);
}

describe('documents.fields', () => {
  it('a new document has no fields; its pages and signers (with their references and auto-fill details) come along', async () => {
    const fields = await app.ok('documents.fields.get', { id: documentId });
    expect(fields).toMatchObject({ documentId, version: 1, editable: true, layout: { fields: [] }, values: {}, warnings: [] });
    expect(fields.pageSizes.length).toBeGreaterThan(0);
    expect(fields.pageSizes[0]).toEqual({ width: expect.any(Number), height: expect.any(Number) });
    expect(fields.signers).toEqual([
      { ref: 'company-1', side: 'company', name: 'Anna Nowak', contact: expect.objectContaining({ firstName: 'Anna Nowak', companyName: 'Zakłady Łódzkie Sp. z o.o.', taxId: '7251801126' }) },
      {
        ref: 'counterparty-1',
        side: 'counterparty',
        name: 'Agnieszka Dąbrowska',
        companyName: 'Kancelaria Dąbrowska',
        contact: expect.objectContaining({ firstName: 'Agnieszka', lastName: 'Dąbrowska', taxId: '6771234561', country: 'PL', phone: '+48226284410' }),
      },
    ]);
  });

  it('saves and reads back the layout with normalised values, records a chained event with the SHA-256 of what is stored', async () => {
    const result = await save({ values: { 'client-company': '  Kancelaria  Dąbrowska ', 'client-nip': '677-123-45-61' } });
    expect(result.ok).toBe(true);
    const got = await app.ok('documents.fields.get', { id: documentId });
    expect(got.version).toBe(2);
    expect(got.layout.fields.map((f) => [f.id, f.signerId, f.required])).toEqual([
      ['sig-company', 'company-1', true],
      ['sig-client', 'counterparty-1', true],
      ['client-company', 'counterparty-1', true],
      ['client-nip', 'counterparty-1', false],
    ]);
    expect(got.layout.fields[1]).toMatchObject({ label: 'Podpis', rect: rect(340, 80, 180, 50) });
    expect(got.values).toEqual({ 'client-company': 'Kancelaria Dąbrowska', 'client-nip': '6771234561' });
    expect(await readDocumentFields(app.context.db, documentId)).toEqual({ layout: got.layout, values: got.values });

    const detail = await app.ok('documents.get', { id: documentId });
    const stored = await app.context.db.selectFrom('document_fields').select(['content', 'updated_by']).where('document_id', '=', documentId).executeTakeFirstOrThrow();
    expect(stored.updated_by).toBe(admin);
    expect(detail.events.at(-1)).toMatchObject({
      seq: 2,
      type: 'fieldsSaved',
      actor: 'Anna Nowak',
      prevHash: detail.events[0]!.hash,
      details: { fields: '4', sha256: createHash('sha256').update(stored.content).digest('hex'), by: admin },
    });
    expect(detail.chainIntact).toBe(true);
    expect(detail.version).toBe(2);

    // The same layout again changes nothing and records nothing.
    expect((await save({ values: { 'client-company': 'Kancelaria Dąbrowska', 'client-nip': '6771234561' } })).ok).toBe(true);
    expect((await app.ok('documents.get', { id: documentId })).events).toHaveLength(2);
    expect((await app.ok('documents.fields.get', { id: documentId })).version).toBe(2);
  });

  it('refuses a layout that does not fit the document, naming every offending field', async () => {
    const bad: FieldLayoutInput = {
      fields: [
        { id: 'a', kind: 'signature', page: 0, rect: rect(500, 80, 180, 50), signerId: 'company-1', required: true },
        { id: 'b', kind: 'signature', page: 7, rect: rect(60, 80, 180, 50), signerId: 'company-1', required: true },
        { id: 'c', kind: 'text', page: 0, rect: rect(60, 300), signerId: 'counterparty-2', required: false },
        { id: 'd', kind: 'text', page: 0, rect: rect(60, 400), signerId: 'company-1', required: false },
        { id: 'e', kind: 'text', page: 0, rect: rect(100, 405), signerId: 'counterparty-1', required: false },
        { id: 'f', kind: 'taxId', page: 0, rect: rect(60, 500, 120), signerId: 'counterparty-1', required: false },
        { id: 'g', kind: 'signature', page: 0, rect: rect(60, 600, 180, 50), signerId: 'counterparty-1', required: true },
      ],
    };
    const result = await save({ layout: bad });
    expect(!result.ok && result.error).toMatchObject({ code: 'VALIDATION', messageKey: 'errors.validation' });
    expect(!result.ok && result.error.details?.issues).toEqual([
      { path: 'layout.fields.0.rect', messageKey: 'validation.fieldOutsidePage' },
      { path: 'layout.fields.1.page', messageKey: 'validation.pageOutOfRange' },
      { path: 'layout.fields.2.signerId', messageKey: 'validation.unknownSigner' },
      { path: 'layout.fields.4.rect', messageKey: 'validation.fieldsOverlap' },
    ]);
    // What the field model refuses on its own (a signature too small to read) is reported beside the rest.
    const tiny = await save({ layout: { fields: [{ ...layout.fields[0]!, rect: rect(60, 80, 30, 10) }, { ...layout.fields[1]!, page: 9 }] } });
    expect(!tiny.ok && tiny.error.details?.issues).toEqual([
      { path: 'layout.fields.0.rect', messageKey: 'validation.fieldTooSmall' },
      { path: 'layout.fields.1.page', messageKey: 'validation.pageOutOfRange' },
    ]);
    // Values, against a layout that holds: each field's own check, by the signer's country; signer-only fields refused.
    const values = await save({ values: { 'client-nip': '6771234560', 'sig-client': 'iVBORw0KGgo=', ghost: 'x' } });
    expect(!values.ok && values.error.details?.issues).toEqual([
      { path: 'values.client-nip', messageKey: 'validation.nip' },
      { path: 'values.sig-client', messageKey: 'validation.signerOnly' },
      { path: 'values.ghost', messageKey: 'validation.unknownField' },
    ]);
    expect(await app.context.db.selectFrom('document_fields').selectAll().execute()).toEqual([]);
    expect((await app.ok('documents.get', { id: documentId })).events).toHaveLength(1);
  });

  it('only a Draft’s fields can be saved, and only at the version they were loaded at', async () => {
    expect((await save({})).ok).toBe(true);
    const stale = await app.call('documents.fields.save', { id: documentId, version: 1, layout, values: {} });
    expect(!stale.ok && stale.error).toMatchObject({ messageKey: 'documents.changedMeanwhile', details: { version: 2 } });

    const waiting = (await app.ok('stages.list', {})).find((s) => s.key === 'waitingCompany')!.id;
    await app.ok('documents.move', { id: documentId, stageId: waiting, version: 2 });
    const fields = await app.ok('documents.fields.get', { id: documentId });
    expect(fields).toMatchObject({ editable: false, version: 3 });
    expect(fields.layout.fields).toHaveLength(4);
    const refused = await app.call('documents.fields.save', { id: documentId, version: 3, layout: { fields: [] }, values: {} });
    expect(!refused.ok && refused.error).toMatchObject({ code: 'VALIDATION', messageKey: 'documents.fields.notDraft' });
    expect((await app.ok('documents.fields.get', { id: documentId })).layout.fields).toHaveLength(4);
  });

  it('measures the pages of an original imported before page sizes were recorded', async () => {
    await app.context.db.updateTable('files').set({ page_sizes: null }).execute();
    const fields = await app.ok('documents.fields.get', { id: documentId });
    expect(fields.pageSizes.length).toBeGreaterThan(0);
    expect((await app.context.db.selectFrom('files').select('page_sizes').executeTakeFirstOrThrow()).page_sizes).toBe(JSON.stringify(fields.pageSizes));
  });

  it('names each signer row by the reference its fields use', async () => {
    const rows = await app.context.db.selectFrom('document_signers').select(['id', 'side']).where('document_id', '=', documentId).orderBy('position').execute();
    expect([...(await documentSignerRefs(app.context.db, documentId))]).toEqual([
      [rows[0]!.id, 'company-1'],
      [rows[1]!.id, 'counterparty-1'],
    ]);
  });

  it('a document that does not exist is not found', async () => {
    const r = await app.call('documents.fields.get', { id: '8d3b1f3c-4c4e-4a51-9d7a-4b8e0f1e2d3c' });
    expect(!r.ok && r.error.messageKey).toBe('documents.notFound');
  });
});

describe('fields that fill from a contact, at the send', () => {
  it('take the details of whoever holds the place when the document is sent: a counterparty changed in step 2, a detail removed since', async () => {
    const saved = await save({ values: { 'client-company': 'Kancelaria Dąbrowska', 'client-nip': '6771234561' } });
    expect(saved.ok || saved.error).toBe(true);
    const other = await app.ok('contacts.create', { fields: { kind: 'client', firstName: 'Jan', lastName: 'Kowalski', companyName: 'Drukarnia Bałtycka' } });
    const draft = await app.ok('documents.get', { id: documentId });
    const changed = await app.ok('documents.update', { id: documentId, version: draft.version, counterpartyContactIds: [other.id] });
    // Still the first contact's details as saved: the editor was not opened again.
    expect((await readDocumentFields(app.context.db, documentId)).values).toMatchObject({ 'client-company': 'Kancelaria Dąbrowska', 'client-nip': '6771234561' });

    const channels = Object.fromEntries(changed.signers.map((s) => [String(s.id), s.side === 'company' ? ('app' as const) : ('inPerson' as const)]));
    await app.ok('signing.send', { id: documentId, version: changed.version, order: 'companyFirst', channels });
    const sent = (await readDocumentFields(app.context.db, documentId)).values;
    // Jan's company; Jan has no tax ID, so none (not Agnieszka's) goes on his document.
    expect(sent['client-company']).toBe('Drukarnia Bałtycka');
    expect(sent).not.toHaveProperty('client-nip');
  });
});

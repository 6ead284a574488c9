import type { CallInput } from '../../../src-shared/contract/types';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DocumentSummary } from '../../../src-shared/documents/types';
import { base64, resourcesDir, startTestApp, type TestApp } from '../../test-support/temp-services';

let app: TestApp;
let admin: string;
let sha: string;
const contacts: Record<string, string> = {};

beforeEach(async () => {
  app = await startTestApp();
  const info = await app.ok('setup.complete', { company: { name: 'Zakłady Łódzkie Sp. z o.o.' }, userName: 'Anna Nowak' });
  admin = info.user.id;
  sha = (await app.ok('pdf.import', { data: base64(fs.readFileSync(path.join(resourcesDir, 'samples', 'nda-pl.pdf'))) })).sha256;
  for (const [key, fields] of Object.entries({
    dabrowska: { kind: 'partner', firstName: 'Agnieszka', lastName: 'Dąbrowska', companyName: 'Kancelaria Dąbrowska', taxId: '6771234561' },
    becker: { kind: 'client', firstName: 'Jonas', lastName: 'Becker', companyName: 'Becker Logistik GmbH', country: 'DE' },
  } as const)) {
    contacts[key] = (await app.ok('contacts.create', { fields })).id;
  }
});
afterEach(async () => {
  await app.close();
});

const create = (fields: Partial<CallInput<'documents.create'>> & Record<string, unknown> = {}) =>
  app.ok('documents.create', { fileSha256: sha, originalName: 'nda-pl.pdf', title: 'Umowa o zachowaniu poufności', companySignerIds: [admin], counterpartyContactIds: [contacts.dabrowska!], ...fields });

async function stageId(key: string): Promise<string> {
  return (await app.ok('stages.list', {})).find((s) => s.key === key)!.id;
}

describe('documents', () => {
  it('are numbered in the company scheme, start in Draft with their signers, and their history starts with "created"', async () => {
    const first = await create({ amountMinor: 4_860_000, currency: 'PLN', dueDate: '2026-12-15', department: 'Prawny', tags: ['NDA', 'NDA', 'poufność'] });
    const second = await create();
    const month = new Date().toISOString().slice(0, 7).replace('-', '/');
    expect([first.number, second.number]).toEqual([`UM/${month}/0001`, `UM/${month}/0002`]);
    expect(first).toMatchObject({ phase: 'draft', stageId: await stageId('draft'), amountMinor: 4_860_000, currency: 'PLN', dueDate: '2026-12-15', department: 'Prawny', tags: ['NDA', 'poufność'], ownerName: 'Anna Nowak', version: 1, chainIntact: true });
    expect(first.signers.map((s) => [s.side, s.name, s.status])).toEqual([['company', 'Anna Nowak', 'waiting'], ['counterparty', 'Agnieszka Dąbrowska', 'waiting']]);
    expect(first.events).toEqual([expect.objectContaining({ seq: 1, type: 'created', actor: 'Anna Nowak', prevHash: '0'.repeat(64) })]);
  });

  it('the numbering scheme shows the next number, is changed for new documents only, and refuses a broken scheme', async () => {
    const month = new Date().toISOString().slice(0, 7).replace('-', '/');
    expect(await app.ok('documents.numbering.get', {})).toEqual({ scheme: 'UM/{yyyy}/{MM}/{n:4}', next: `UM/${month}/0001` });
    const first = await create();
    expect((await app.ok('documents.numbering.get', {})).next).toBe(`UM/${month}/0002`);
    const year = new Date().getUTCFullYear();
    expect(await app.ok('documents.numbering.set', { scheme: ' NDA-{yyyy}-{n:3} ' })).toEqual({ scheme: 'NDA-{yyyy}-{n:3}', next: `NDA-${year}-001` });
    expect((await create()).number).toBe(`NDA-${year}-001`);
    expect((await create()).number).toBe(`NDA-${year}-002`);
    expect((await app.ok('documents.get', { id: first.id })).number).toBe(`UM/${month}/0001`);
    for (const [scheme, key] of [['UM/{n}/{n}', 'validation.numberingCounterOnce'], ['UM/{yyyy}', 'validation.numberingCounterOnce'], ['UM/{yy}/{n}', 'validation.numberingUnknownToken'], ['UM/{n', 'validation.numberingUnknownToken'], ['  ', 'validation.required']]) {
      const r = await app.call('documents.numbering.set', { scheme: scheme! });
      expect(!r.ok && r.error.details?.issues, scheme).toEqual([{ path: 'scheme', messageKey: key }]);
    }
  });

  it('refuses an original that was never imported, a company signer without the right to sign, and an archived contact', async () => {
    const refused = async (fields: Record<string, unknown>) => {
      const r = await app.call('documents.create', { fileSha256: sha, originalName: 'x.pdf', title: 'T', ...fields } as never);
      return r.ok ? 'created' : r.error.messageKey;
    };
    expect(await refused({ fileSha256: 'a'.repeat(64) })).toBe('documents.fileMissing');
    await app.context.db.updateTable('users').set({ is_signer: 0 }).execute();
    expect(await refused({ companySignerIds: [admin] })).toBe('documents.notASigner');
    await app.ok('contacts.setArchived', { id: contacts.becker!, archived: true });
    expect(await refused({ counterpartyContactIds: [contacts.becker!] })).toBe('documents.contactArchived');
    expect(await app.context.db.selectFrom('documents').select('id').execute()).toEqual([]);
  });
});

describe('moving a document', () => {
  it('a legal move is stored with a chained event naming who moved it; an illegal one is refused with its reason', async () => {
    const doc = await create();
    const moved = await app.ok('documents.move', { id: doc.id, stageId: await stageId('waitingCompany'), version: doc.version });
    expect(moved).toMatchObject({ phase: 'companySigning', version: 2 });
    const detail = await app.ok('documents.get', { id: doc.id });
    expect(detail.events.at(-1)).toMatchObject({ seq: 2, type: 'stageMoved', actor: 'Anna Nowak', prevHash: detail.events[0]!.hash, details: { from: doc.stageId, to: moved.stageId, by: admin } });
    expect(detail.chainIntact).toBe(true);

    for (const [key, reason] of [['signed', 'documents.move.notAllSigned'], ['sentCounterparty', 'documents.move.companyNotSigned'], ['declined', 'documents.move.onlySignerDeclines']]) {
      const r = await app.call('documents.move', { id: doc.id, stageId: await stageId(key!), version: 2 });
      expect(!r.ok && r.error, key).toMatchObject({ code: 'VALIDATION', messageKey: reason });
    }
    expect((await app.ok('documents.get', { id: doc.id })).events).toHaveLength(2);
  });

  it('once the company has signed, the document may go on to the counterparty but not back to Draft', async () => {
    const doc = await create();
    await app.ok('documents.move', { id: doc.id, stageId: await stageId('waitingCompany'), version: 1 });
    await app.context.db.updateTable('document_signers').set({ status: 'signed' }).where('document_id', '=', doc.id).where('side', '=', 'company').execute();
    const back = await app.call('documents.move', { id: doc.id, stageId: await stageId('draft'), version: 2 });
    expect(!back.ok && back.error.messageKey).toBe('documents.move.signaturesGiven');
    expect((await app.ok('documents.move', { id: doc.id, stageId: await stageId('sentCounterparty'), version: 2 })).phase).toBe('counterpartySigning');
  });

  it('a move made from a stale board (another change came first) is refused, not applied over it', async () => {
    const doc = await create();
    await app.ok('documents.move', { id: doc.id, stageId: await stageId('waitingCompany'), version: 1 });
    const stale = await app.call('documents.move', { id: doc.id, stageId: await stageId('cancelled'), version: 1 });
    expect(!stale.ok && stale.error).toMatchObject({ messageKey: 'documents.changedMeanwhile', details: { version: 2 } });
    expect((await app.ok('documents.get', { id: doc.id })).phase).toBe('companySigning');
  });
});

describe('the stored history', () => {
  it('an edited, a removed or a reordered event row is caught by the chain check', async () => {
    const doc = await create();
    await app.ok('documents.move', { id: doc.id, stageId: await stageId('waitingCompany'), version: 1 });
    await app.ok('documents.move', { id: doc.id, stageId: await stageId('draft'), version: 2 });
    expect((await app.ok('documents.get', { id: doc.id })).chainIntact).toBe(true);
    const db = app.context.db;
    const row = await db.selectFrom('document_events').selectAll().where('document_id', '=', doc.id).where('seq', '=', 2).executeTakeFirstOrThrow();

    await db.updateTable('document_events').set({ actor: 'Someone Else' }).where('document_id', '=', doc.id).where('seq', '=', 2).execute();
    expect((await app.ok('documents.get', { id: doc.id })).chainIntact).toBe(false);
    await db.updateTable('document_events').set({ actor: row.actor }).where('document_id', '=', doc.id).where('seq', '=', 2).execute();
    expect((await app.ok('documents.get', { id: doc.id })).chainIntact).toBe(true);

    await db.deleteFrom('document_events').where('document_id', '=', doc.id).where('seq', '=', 2).execute();
    expect((await app.ok('documents.get', { id: doc.id })).chainIntact).toBe(false);
    await db.insertInto('document_events').values(row).execute();
    await db.updateTable('document_events').set({ at: '2020-01-01T00:00:00.000Z' }).where('document_id', '=', doc.id).where('seq', '=', 3).execute();
    expect((await app.ok('documents.get', { id: doc.id })).chainIntact).toBe(false);
  });
});

describe('the board', () => {
  async function cards(filter: Record<string, unknown> = {}): Promise<DocumentSummary[]> {
    const board = await app.ok('board.get', { filter: filter as never });
    return board.columns.flatMap((c) => c.cards);
  }

  it('shows every stage in order with its count and sums per currency', async () => {
    await create({ amountMinor: 100_00, currency: 'PLN' });
    await create({ amountMinor: 250_50, currency: 'PLN' });
    await create({ amountMinor: 99_99, currency: 'EUR' });
    await create();
    const board = await app.ok('board.get', {});
    expect(board.columns.map((c) => c.stage.key)).toEqual(['draft', 'waitingCompany', 'sentCounterparty', 'signed', 'archived', 'declined', 'cancelled', 'expired']);
    const draft = board.columns[0]!;
    expect(draft.count).toBe(4);
    expect(draft.sums.sort((a, b) => a.currency.localeCompare(b.currency))).toEqual([{ currency: 'EUR', amountMinor: 99_99 }, { currency: 'PLN', amountMinor: 350_50 }]);
    expect(board.columns[1]).toMatchObject({ count: 0, sums: [], cards: [] });
  });

  it('pages a long column in a stable order without repeats', async () => {
    for (let i = 0; i < 7; i++) await create({ title: `Umowa ${i}` });
    const first = (await app.ok('board.get', { pageSize: 3 })).columns[0]!;
    expect(first).toMatchObject({ count: 7 });
    const rest = [
      ...(await app.ok('board.column', { stageId: first.stage.id, offset: 3, limit: 3 })),
      ...(await app.ok('board.column', { stageId: first.stage.id, offset: 6, limit: 3 })),
    ];
    const ids = [...first.cards, ...rest].map((c) => c.id);
    expect(ids).toHaveLength(7);
    expect(new Set(ids).size).toBe(7);
  });

  it("a filtered board's first pages (one pass over the filtered set) are the columns' own first pages, in each order", async () => {
    for (let i = 0; i < 9; i++) await create({ title: `Umowa ${i}`, amountMinor: (i % 3) * 100_00, currency: 'PLN', dueDate: i % 2 ? `2027-01-0${i}` : undefined, tags: i % 2 ? ['a'] : ['b'] });
    for (const order of [{ sort: 'updated', descending: true }, { sort: 'dueDate', descending: false }, { sort: 'amount', descending: true }, { sort: 'title', descending: false }] as const) {
      const board = await app.ok('board.get', { filter: { query: 'umowa' }, ...order, pageSize: 4 });
      const draft = board.columns[0]!;
      expect(draft.count, order.sort).toBe(9);
      const column = await app.ok('board.column', { stageId: draft.stage.id, filter: { query: 'umowa' }, ...order, offset: 0, limit: 4 });
      expect(draft.cards.map((c) => c.id), order.sort).toEqual(column.map((c) => c.id));
      const unfiltered = await app.ok('board.get', { ...order, pageSize: 4 });
      expect(unfiltered.columns[0]!.cards.map((c) => c.id), order.sort).toEqual(column.map((c) => c.id));
    }
  });

  it('each filter narrows counts and cards alike; search finds title, number, counterparty and tag words without diacritics', async () => {
    const a = await create({ title: 'Umowa dostawy papieru', amountMinor: 500_00, currency: 'PLN', dueDate: '2026-12-01', department: 'Zakupy', tags: ['dostawy'] });
    const b = await create({ title: 'Service agreement', counterpartyContactIds: [contacts.becker!], amountMinor: 5_000_00, currency: 'EUR', dueDate: '2027-03-01', department: 'Sprzedaż', tags: ['export'] });
    const ids = async (filter: Record<string, unknown>) => (await cards(filter)).map((c) => c.id).sort();
    expect(await ids({})).toEqual([a.id, b.id].sort());
    expect(await ids({ query: 'papier' })).toEqual([a.id]);
    expect(await ids({ query: 'dabrowska' })).toEqual([a.id]);
    expect(await ids({ query: 'becker logis' })).toEqual([b.id]);
    expect(await ids({ query: '6771234561' })).toEqual([a.id]);
    expect(await ids({ query: b.number.split('/').at(-1)! })).toEqual([b.id]);
    expect(await ids({ query: 'export' })).toEqual([b.id]);
    expect(await ids({ query: '"OR * NEAR(' })).toEqual([]);
    expect(await ids({ counterpartyId: contacts.becker })).toEqual([b.id]);
    expect(await ids({ department: 'Zakupy' })).toEqual([a.id]);
    expect(await ids({ tag: 'export' })).toEqual([b.id]);
    expect(await ids({ amountMin: 1_000_00 })).toEqual([b.id]);
    expect(await ids({ amountMax: 1_000_00 })).toEqual([a.id]);
    expect(await ids({ dueFrom: '2027-01-01' })).toEqual([b.id]);
    expect(await ids({ dueTo: '2026-12-31' })).toEqual([a.id]);
    expect(await ids({ ownerId: admin, mine: true })).toEqual([a.id, b.id].sort());
    const other = (await app.context.db.insertInto('users').values({ id: app.context.newId(), name: 'Other', email: null, is_admin: 0, is_signer: 1, created_at: new Date().toISOString() }).returning('id').executeTakeFirstOrThrow()).id;
    expect(await ids({ ownerId: other })).toEqual([]);
    expect((await app.ok('board.get', { filter: { tag: 'export' } })).columns[0]!.count).toBe(1);
  });

  it("a counterparty's edited name, company and tax ID are what the search finds; the board is told their cards changed", async () => {
    const a = await create({ title: 'Umowa najmu' });
    const ids = async (query: string) => (await cards({ query })).map((c) => c.id);
    expect(await ids('kancelaria')).toEqual([a.id]);
    const { cursor } = await app.ok('events.wait', { after: -1, timeoutMs: 0 });
    const fields = { kind: 'partner', firstName: 'Agnieszka', lastName: 'Wiśniewska', companyName: 'Biuro Prawne Wiśniewska', taxId: '5260250274' } as const;
    await app.ok('contacts.update', { id: contacts.dabrowska!, fields });
    expect(await ids('kancelaria')).toEqual([]);
    expect(await ids('dabrowska')).toEqual([]);
    expect(await ids('biuro wisniewska')).toEqual([a.id]);
    expect(await ids('5260250274')).toEqual([a.id]);
    expect((await app.ok('events.wait', { after: cursor, timeoutMs: 0 })).events).toEqual([{ type: 'documentsChanged', ids: [a.id] }]);
  });
});

describe('stages', () => {
  it('an added stage sits after its neighbour in the same phase, and moves through it follow that phase', async () => {
    const draft = await stageId('draft');
    const stages = await app.ok('stages.add', { afterId: draft, name: 'Weryfikacja prawna', color: '#7c3aed' });
    const legal = stages.find((s) => s.name === 'Weryfikacja prawna')!;
    expect(stages.map((s) => s.key ?? s.name).slice(0, 3)).toEqual(['draft', 'Weryfikacja prawna', 'waitingCompany']);
    expect(legal.phase).toBe('draft');
    const doc = await create();
    expect((await app.ok('documents.move', { id: doc.id, stageId: legal.id, version: 1 })).phase).toBe('draft');
    const signed = await app.call('documents.move', { id: doc.id, stageId: await stageId('signed'), version: 2 });
    expect(!signed.ok && signed.error.messageKey).toBe('documents.move.notAllSigned');
    const exits = await app.call('stages.add', { afterId: await stageId('declined'), name: 'X', color: '#000000' });
    expect(!exits.ok && exits.error.messageKey).toBe('stages.notAmongExits');
  });

  it('rename and recolour; reorder only within the lifecycle order', async () => {
    const draft = await stageId('draft');
    const renamed = await app.ok('stages.update', { id: draft, name: 'Przygotowanie umowy', color: '#111111' });
    expect(renamed[0]).toMatchObject({ key: 'draft', name: 'Przygotowanie umowy', color: '#111111' });
    expect((await app.ok('stages.update', { id: draft, name: null }))[0]).not.toHaveProperty('name');
    await app.ok('stages.update', { id: draft, name: 'Przygotowanie umowy' });
    const ids = renamed.map((s) => s.id);
    const swapped = [ids[1]!, ids[0]!, ...ids.slice(2)];
    const bad = await app.call('stages.reorder', { ids: swapped });
    expect(!bad.ok && bad.error.messageKey).toBe('stages.orderBreaksLifecycle');
    const withLegal = await app.ok('stages.add', { afterId: draft, name: 'Weryfikacja', color: '#7c3aed' });
    const nameless = await app.call('stages.update', { id: withLegal[1]!.id, name: null });
    expect(!nameless.ok && nameless.error.messageKey).toBe('stages.nameRequired');
    const order = withLegal.map((s) => s.id);
    const legalFirst = [order[1]!, order[0]!, ...order.slice(2)];
    expect((await app.ok('stages.reorder', { ids: legalFirst })).map((s) => s.id)).toEqual(legalFirst);
    const incomplete = await app.call('stages.reorder', { ids: legalFirst.slice(1) });
    expect(!incomplete.ok && incomplete.error.messageKey).toBe('stages.orderIncomplete');
    const badColour = await app.call('stages.update', { id: draft, color: 'red' });
    expect(!badColour.ok && badColour.error.details?.issues).toEqual([{ path: 'color', messageKey: 'validation.color' }]);
  });

  it('deleting a stage that holds documents needs a stage of the same phase; each moved document records the move', async () => {
    const draft = await stageId('draft');
    const legal = (await app.ok('stages.add', { afterId: draft, name: 'Weryfikacja', color: '#7c3aed' })).find((s) => s.name === 'Weryfikacja')!;
    const doc = await create();
    await app.ok('documents.move', { id: doc.id, stageId: legal.id, version: 1 });
    const asks = await app.call('stages.delete', { id: legal.id });
    expect(!asks.ok && asks.error).toMatchObject({ code: 'IN_USE', messageKey: 'stages.holdsDocuments', details: { count: 1, candidates: [draft] } });
    const wrongPhase = await app.call('stages.delete', { id: legal.id, moveTo: await stageId('waitingCompany') });
    expect(!wrongPhase.ok && wrongPhase.error.messageKey).toBe('stages.moveToSamePhase');
    const left = await app.ok('stages.delete', { id: legal.id, moveTo: draft });
    expect(left.map((s) => s.id)).not.toContain(legal.id);
    const detail = await app.ok('documents.get', { id: doc.id });
    expect(detail).toMatchObject({ stageId: draft, chainIntact: true });
    expect(detail.events.at(-1)).toMatchObject({ type: 'stageMoved', details: { reason: 'stageDeleted', to: draft } });
    const last = await app.call('stages.delete', { id: draft });
    expect(!last.ok && last.error.messageKey).toBe('stages.phaseWithoutStage');
  });
});

describe('per-employee views', () => {
  it('each employee keeps their own columns, card fields, filters and order; a stale stored view falls back field by field', async () => {
    const stages = await app.ok('stages.list', {});
    const mine = await app.ok('board.view.save', {
      view: { hiddenStageIds: [stages[4]!.id], cardFields: ['number', 'amount'], filter: { query: 'umowa' }, sort: 'dueDate', descending: false, density: 'compact' },
    });
    expect(mine).toMatchObject({ hiddenStageIds: [stages[4]!.id], cardFields: ['number', 'amount'], sort: 'dueDate', descending: false, density: 'compact', mode: 'board', filter: { query: 'umowa', mine: false } });
    expect(await app.ok('board.view.get', {})).toEqual(mine);

    // Another employee at the same installation: the view follows the signed-in user.
    const other = app.context.newId();
    await app.context.db.insertInto('users').values({ id: other, name: 'Piotr', email: null, is_admin: 0, is_signer: 1, created_at: new Date().toISOString() }).execute();
    await app.context.db.updateTable('settings').set({ value: other }).where('key', '=', 'app.currentUserId').execute();
    expect(await app.ok('board.view.get', {})).toMatchObject({ hiddenStageIds: [], density: 'comfortable', sort: 'updated' });
    await app.context.db.updateTable('settings').set({ value: admin }).where('key', '=', 'app.currentUserId').execute();
    expect((await app.ok('board.view.get', {})).density).toBe('compact');

    await app.context.db.updateTable('board_views').set({ view: JSON.stringify({ ...mine, sort: 'colour', density: 'compact' }) }).where('user_id', '=', admin).execute();
    expect(await app.ok('board.view.get', {})).toMatchObject({ sort: 'updated', density: 'compact', cardFields: ['number', 'amount'] });
    const invalid = await app.call('board.view.save', { view: { cardFields: ['secret' as 'number'] } });
    expect(!invalid.ok && invalid.error.code).toBe('VALIDATION');
  });
});

describe('the list view and its CSV', () => {
  it('lists the filtered set in the chosen order with its total; the CSV has the same rows in the same order, formula-guarded', async () => {
    const a = await create({ title: '=HYPERLINK("evil")', amountMinor: 300_00, currency: 'PLN', dueDate: '2027-02-01' });
    const b = await create({ title: 'Umowa najmu', amountMinor: 100_00, currency: 'PLN', dueDate: '2026-12-20' });
    const c = await create({ title: 'Umowa bez terminu' });
    const byDue = await app.ok('documents.list', { sort: 'dueDate', descending: false });
    expect(byDue.total).toBe(3);
    expect(byDue.items.map((d) => d.id)).toEqual([b.id, a.id, c.id]);
    expect((await app.ok('documents.list', { sort: 'amount', descending: true, limit: 1, offset: 1 })).items.map((d) => d.id)).toEqual([b.id]);
    const filtered = await app.ok('documents.list', { filter: { query: 'umowa' }, sort: 'title', descending: false });
    expect(filtered.items.map((d) => d.title)).toEqual(['Umowa bez terminu', 'Umowa najmu']);

    const { filename, csv } = await app.ok('documents.exportCsv', { sort: 'dueDate', descending: false, language: 'pl' });
    expect(filename).toMatch(/^signet-documents-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = csv.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('Numer,Tytuł,Etap,Kontrahent,Kwota,Waluta,Termin,Właściciel,Dział,Tagi,Utworzono,Zmieniono');
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(byDue.items.map((d) => d.number));
    expect(lines[2]).toContain(`"'=HYPERLINK(""evil"")"`);
    expect(lines[1]).toContain('Przygotowanie');
    expect(lines[1]).toContain('Agnieszka Dąbrowska (Kancelaria Dąbrowska)');
    expect(lines[1]).toContain('100.00,PLN,2026-12-20');
  });
});

describe('live updates', () => {
  it('an open window waiting on events.wait hears of a move made elsewhere, and of a stage change', async () => {
    const doc = await create();
    const { cursor } = await app.ok('events.wait', { after: -1 });
    const waiting = app.ok('events.wait', { after: cursor, timeoutMs: 10_000 });
    await app.ok('documents.move', { id: doc.id, stageId: await stageId('waitingCompany'), version: 1 });
    expect(await waiting).toEqual({ cursor: cursor + 1, events: [{ type: 'documentsChanged', ids: [doc.id] }], reset: false });
    await app.ok('stages.update', { id: await stageId('draft'), name: 'Szkic' });
    expect((await app.ok('events.wait', { after: cursor + 1 })).events).toEqual([{ type: 'stagesChanged' }]);
    expect(await app.ok('events.wait', { after: cursor + 2, timeoutMs: 10 })).toMatchObject({ events: [], reset: false });
  });
});

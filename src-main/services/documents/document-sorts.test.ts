import { builtinRoleId } from '../../../src-shared/permissions/roles';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DocumentFilter, DocumentSummary } from '../../../src-shared/documents/types';
import type { DocumentSort } from '../../../src-shared/documents/view';
import { openStore } from '../../store/open-store';
import { migrations } from '../../store/migrations';
import { base64, resourcesDir, startTestApp, tempDir, type TestApp } from '../../test-support/temp-services';

/**
 * The list's orders by stage, counterparty and owner on a real store: each key with its ties (the id decides, in the
 * same direction) and its empty values (last either way), pages that never overlap, the CSV in the same order; and
 * the board's faster paths ("my documents" read from one index, a search, a counterparty or a tag read in one pass,
 * a department from its own index) giving what the list's plain queries give.
 */
let app: TestApp;
let admin: string;
let sha: string;
const contacts: Record<string, string> = {};
const users: Record<string, string> = {};

beforeEach(async () => {
  app = await startTestApp();
  admin = (await app.ok('setup.complete', { company: { name: 'Zakłady Łódzkie Sp. z o.o.' }, userName: 'Anna Nowak' })).user.id;
  sha = (await app.ok('pdf.import', { data: base64(fs.readFileSync(path.join(resourcesDir, 'samples', 'nda-pl.pdf'))) })).sha256;
  for (const [key, fields] of Object.entries({
    dabrowska: { kind: 'partner', firstName: 'Agnieszka', lastName: 'Dąbrowska', companyName: 'Kancelaria Dąbrowska' },
    becker: { kind: 'client', firstName: 'Jonas', lastName: 'Becker', companyName: 'Becker Logistik GmbH', country: 'DE' },
    zabka: { kind: 'supplier', firstName: 'Ewa', lastName: 'Adamska', companyName: 'Żabka Polska' },
    // No company: sorted by surname, as the contacts book sorts people; "Ł" folds to "l", so before "Ż", not after "Z".
    lapinski: { kind: 'client', firstName: 'Zbigniew', lastName: 'Łapiński' },
  } as const)) {
    contacts[key] = (await app.ok('contacts.create', { fields })).id;
  }
  for (const name of ['Zenon Adamski', 'Łucja Kowal', 'Bartosz Ćwik']) {
    users[name] = (await app.context.db.insertInto('users').values({ id: app.context.newId(), name, email: null, is_admin: 0, is_signer: 1, created_at: new Date().toISOString() }).returning('id').executeTakeFirstOrThrow()).id;
    // Signers who see every document (the Director's role), so that each order below is judged on the whole set.
    await app.context.db.insertInto('role_assignments').values({ subject_kind: 'user', subject: users[name], role_id: builtinRoleId('director') }).execute();
  }
  users['Anna Nowak'] = admin;
});
afterEach(async () => {
  await app.close();
});

const create = (fields: Record<string, unknown> = {}) =>
  app.ok('documents.create', { fileSha256: sha, originalName: 'nda-pl.pdf', title: 'Umowa', companySignerIds: [admin], counterpartyContactIds: [], ...fields } as never);

/** Documents are made by whoever is signed in: the owner is chosen by signing them in. */
async function signIn(userId: string): Promise<void> {
  await app.context.db.updateTable('settings').set({ value: userId }).where('key', '=', 'app.currentUserId').execute();
}

async function stageIds(): Promise<Record<string, string>> {
  return Object.fromEntries((await app.ok('stages.list', {})).map((s) => [s.key ?? s.name!, s.id]));
}

async function move(doc: DocumentSummary, stageId: string): Promise<DocumentSummary> {
  return app.ok('documents.move', { id: doc.id, stageId, version: doc.version });
}

const listed = async (sort: DocumentSort, descending: boolean, filter: Partial<DocumentFilter> = {}) =>
  (await app.ok('documents.list', { sort, descending, filter: filter as never, limit: 500 })).items;

/** SQLite's own comparison of the ids, which break ties. */
const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Ids in the expected order: the groups in the order given, each group's documents by id in the same direction. */
const expected = (groups: DocumentSummary[][], descending: boolean) =>
  groups.flatMap((g) => g.map((d) => d.id).sort((a, b) => (descending ? byCodeUnits(b, a) : byCodeUnits(a, b))));

/** Descending reverses the groups and the ties inside them; `empty`, the documents without the key, stay last. */
async function expectOrder(sort: DocumentSort, groups: DocumentSummary[][], empty: DocumentSummary[] = []) {
  expect((await listed(sort, false)).map((d) => d.id), `${sort} ascending`).toEqual(expected([...groups, empty], false));
  expect((await listed(sort, true)).map((d) => d.id), `${sort} descending`).toEqual(expected([...[...groups].reverse(), empty], true));
}

describe('the list sorted by stage, counterparty and owner', () => {
  it('by stage: the company stage order (positions, not names), ties by id', async () => {
    const s = await stageIds();
    // An added stage sits after Draft by position; renamed "AAA" it would come first by name, and must not.
    const legal = (await app.ok('stages.add', { afterId: s.draft!, name: 'AAA weryfikacja', color: '#7c3aed' })).find((x) => x.name === 'AAA weryfikacja')!.id;
    const drafts = [await create(), await create(), await create()];
    const legals = [await move(await create(), legal), await move(await create(), legal)];
    const waiting = [await move(await create(), s.waitingCompany!), await move(await create(), s.waitingCompany!)];
    const cancelled = [await move(await create(), s.cancelled!)];
    await expectOrder('stage', [drafts, legals, waiting, cancelled]);
  });

  it('by counterparty: the first counterparty signer, folded for Polish; documents without one last either way', async () => {
    const becker = [await create({ counterpartyContactIds: [contacts.becker] }), await create({ counterpartyContactIds: [contacts.becker, contacts.zabka] })];
    const dabrowska = [await create({ counterpartyContactIds: [contacts.dabrowska] })];
    const lapinski = [await create({ counterpartyContactIds: [contacts.lapinski, contacts.becker] }), await create({ counterpartyContactIds: [contacts.lapinski] })];
    const zabka = [await create({ counterpartyContactIds: [contacts.zabka] })];
    const none = [await create(), await create()];
    await expectOrder('counterparty', [becker, dabrowska, lapinski, zabka], none);

    // A renamed contact moves its documents at once: the key is kept from the contacts book, not copied once.
    const before = await app.ok('contacts.get', { id: contacts.becker! });
    await app.ok('contacts.update', { id: contacts.becker!, fields: { kind: before.kind, firstName: before.firstName, lastName: before.lastName, companyName: 'Zeppelin Logistik', country: before.country } });
    await expectOrder('counterparty', [dabrowska, lapinski, zabka, becker], none);
  });

  it('by owner: the owner name folded for Polish, ties by id', async () => {
    const made: Record<string, DocumentSummary[]> = {};
    for (const name of ['Zenon Adamski', 'Łucja Kowal', 'Anna Nowak', 'Bartosz Ćwik', 'Łucja Kowal', 'Anna Nowak']) {
      await signIn(users[name]!);
      (made[name] ??= []).push(await create());
    }
    await signIn(admin);
    await expectOrder('owner', [made['Anna Nowak']!, made['Bartosz Ćwik']!, made['Łucja Kowal']!, made['Zenon Adamski']!]);
  });

  it('pages through each new order without repeats or gaps, and the CSV has the same rows in the same order', async () => {
    const s = await stageIds();
    for (let i = 0; i < 9; i++) {
      await signIn(Object.values(users)[i % 4]!);
      const doc = await create({ counterpartyContactIds: i % 3 ? [[contacts.becker, contacts.zabka, contacts.lapinski][i % 3]!] : [] });
      if (i % 2) await move(doc, s.waitingCompany!);
    }
    await signIn(admin);
    for (const sort of ['stage', 'counterparty', 'owner'] as const) {
      for (const descending of [false, true]) {
        const all = (await listed(sort, descending)).map((d) => d.id);
        const paged: string[] = [];
        for (let offset = 0; offset < all.length; offset += 2) {
          paged.push(...(await app.ok('documents.list', { sort, descending, offset, limit: 2 })).items.map((d) => d.id));
        }
        expect(paged, `${sort} ${descending}`).toEqual(all);
        const { csv } = await app.ok('documents.exportCsv', { sort, descending, language: 'en' });
        const numbers = csv.replace(/^\uFEFF/, '').trim().split('\r\n').slice(1).map((l) => l.split(',')[0]);
        const byId = new Map((await listed(sort, descending)).map((d) => [d.id, d.number]));
        expect(numbers, `${sort} ${descending} csv`).toEqual(all.map((id) => byId.get(id)));
      }
      // On the board each column keeps the order too, and its pages do not overlap.
      const board = await app.ok('board.get', { sort, descending: false, pageSize: 2 });
      const waiting = board.columns.find((c) => c.stage.id === s.waitingCompany)!;
      const rest = await app.ok('board.column', { stageId: waiting.stage.id, sort, descending: false, offset: 2, limit: 10 });
      const column = [...waiting.cards, ...rest].map((c) => c.id);
      expect(column, sort).toEqual((await listed(sort, false)).filter((d) => d.stageId === s.waitingCompany).map((d) => d.id));
    }
  });
});

describe("the board's faster paths give what the plain queries give", () => {
  it('"my documents": owned or signed, counted once each, in the columns, the counts, the sums and the list total', async () => {
    const other = users['Zenon Adamski']!;
    const s = await stageIds();
    const ownedAndSigned = await create({ amountMinor: 100_00, currency: 'PLN' });
    const ownedOnly = await create({ companySignerIds: [other], amountMinor: 200_00, currency: 'PLN' });
    await signIn(other);
    const signedOnly = await move(await create({ companySignerIds: [admin, other], amountMinor: 50_00, currency: 'EUR' }), s.waitingCompany!);
    await create({ companySignerIds: [other], amountMinor: 999_00, currency: 'PLN' });
    await create({ companySignerIds: [] });
    await signIn(admin);

    const board = await app.ok('board.get', { filter: { mine: true } });
    const cards = board.columns.flatMap((c) => c.cards.map((d) => d.id)).sort();
    expect(cards).toEqual([ownedAndSigned.id, ownedOnly.id, signedOnly.id].sort());
    const draft = board.columns.find((c) => c.stage.key === 'draft')!;
    const waiting = board.columns.find((c) => c.stage.key === 'waitingCompany')!;
    expect(draft).toMatchObject({ count: 2, sums: [{ currency: 'PLN', amountMinor: 300_00 }] });
    expect(waiting).toMatchObject({ count: 1, sums: [{ currency: 'EUR', amountMinor: 50_00 }] });
    expect((await app.ok('documents.list', { filter: { mine: true } })).total).toBe(3);
    // With another filter on top, the same set narrowed.
    expect((await app.ok('board.get', { filter: { mine: true, amountMin: 100_00 } })).columns.flatMap((c) => c.cards.map((d) => d.id)).sort()).toEqual([ownedAndSigned.id, ownedOnly.id].sort());
  });

  it("a filter read in one pass (search, counterparty, tag) or from the department's index: each column's count, sums and first page equal what the list gives, in every order", async () => {
    const s = await stageIds();
    for (let i = 0; i < 12; i++) {
      await signIn(Object.values(users)[i % 4]!);
      const doc = await create({
        title: i % 4 ? `Umowa ${i}` : `Aneks ${i}`,
        amountMinor: (i % 3) * 100_00,
        currency: i % 5 ? 'PLN' : 'EUR',
        counterpartyContactIds: i % 3 ? [contacts.becker] : [],
        tags: i % 2 ? ['pilne'] : [],
        department: i % 4 === 1 ? 'Prawny' : 'Zakupy',
      });
      if (i % 3 === 0) await move(doc, s.waitingCompany!);
    }
    await signIn(admin);
    const filters: Partial<DocumentFilter>[] = [{ query: 'umowa' }, { counterpartyId: contacts.becker! }, { tag: 'pilne' }, { department: 'Prawny' }, { tag: 'pilne', query: 'umowa' }];
    for (const filter of filters) {
      for (const sort of ['updated', 'amount', 'stage', 'counterparty', 'owner'] as const) {
        for (const descending of [false, true]) {
          const board = await app.ok('board.get', { filter: filter as never, sort, descending, pageSize: 3 });
          const list = await listed(sort, descending, filter);
          expect(list.length, JSON.stringify(filter)).toBeGreaterThan(1);
          for (const column of board.columns) {
            const what = `${JSON.stringify(filter)} ${sort} ${descending} ${column.stage.key}`;
            const inStage = list.filter((d) => d.stageId === column.stage.id);
            expect(column.count, what).toBe(inStage.length);
            expect(column.cards.map((d) => d.id), what).toEqual(inStage.slice(0, 3).map((d) => d.id));
            const sums = new Map<string, number>();
            for (const d of inStage) if (d.currency && d.amountMinor !== undefined) sums.set(d.currency, (sums.get(d.currency) ?? 0) + d.amountMinor);
            expect(new Map(column.sums.map((x) => [x.currency, x.amountMinor])), what).toEqual(sums);
          }
        }
      }
    }
  });
});

describe('migrations 005 to 007', () => {
  it('an existing store gets each document its counterparty key, kept from then on by the signers and contacts', async () => {
    const file = path.join(tempDir(), 'signet.sqlite');
    const old = await openStore(file, { migrations: migrations.slice(0, 4) });
    old.sqlite.exec(`
      insert into users (id, name, is_admin, is_signer, created_at) values ('u1', 'Anna', 1, 1, '2026-01-01');
      insert into contacts (id, kind, first_name, last_name, company_name, country, search_text, sort_name, sort_company, created_at, updated_at)
        values ('c1', 'client', 'Jan', 'Łoś', null, 'PL', 'jan los', 'los jan', '', '2026-01-01', '2026-01-01'),
               ('c2', 'client', 'Ewa', 'Nowak', 'Żuraw S.A.', 'PL', 'ewa nowak', 'nowak ewa', 'zuraw s.a.', '2026-01-01', '2026-01-01');
      insert into files (sha256, size, media_type, created_at) values ('f', 1, 'application/pdf', '2026-01-01');
      insert into documents (id, title, number, original_sha256, original_name, owner_id, created_at, updated_at)
        values ('d1', 'A', 'N1', 'f', 'a.pdf', 'u1', '2026-01-01', '2026-01-01'), ('d2', 'B', 'N2', 'f', 'b.pdf', 'u1', '2026-01-01', '2026-01-01'),
               ('d3', 'C', 'N3', 'f', 'c.pdf', 'u1', '2026-01-01', '2026-01-01');
      insert into document_signers (document_id, contact_id, user_id, side, position)
        values ('d1', null, 'u1', 'company', 0), ('d1', 'c2', null, 'counterparty', 1), ('d1', 'c1', null, 'counterparty', 2), ('d2', 'c1', null, 'counterparty', 0);
    `);
    await old.close();

    const store = await openStore(file);
    const keys = async () => Object.fromEntries((await store.db.selectFrom('documents').select(['id', 'counterparty_sort']).orderBy('id').execute()).map((r) => [r.id, r.counterparty_sort]));
    expect(await keys()).toEqual({ d1: 'zuraw s.a.', d2: 'los jan', d3: null });
    const indexes = store.sqlite.prepare("select name from sqlite_master where type = 'index' and tbl_name = 'documents'").all().map((r) => (r as { name: string }).name);
    expect(indexes).toEqual(expect.arrayContaining(['documents_totals', 'documents_department_board']));
    expect(indexes).not.toContain('documents_stage_totals');
    expect(indexes).not.toContain('documents_department');

    store.sqlite.exec(`
      insert into document_signers (document_id, contact_id, user_id, side, position) values ('d3', 'c2', null, 'counterparty', 0);
      delete from document_signers where document_id = 'd1' and contact_id = 'c2';
      update document_signers set side = 'company' where document_id = 'd2';
    `);
    expect(await keys()).toEqual({ d1: 'los jan', d2: null, d3: 'zuraw s.a.' });
    store.sqlite.exec(`update contacts set sort_name = 'abacki jan' where id = 'c1'`);
    expect(await keys()).toEqual({ d1: 'abacki jan', d2: null, d3: 'zuraw s.a.' });
    expect(store.sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
    await store.close();
  });
});

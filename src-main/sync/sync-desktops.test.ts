import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { ContactFieldsInput } from '../../src-shared/contacts/schema';
import { pairDevice } from '../../src-server/test-support/paired-device';
import { startTestServer, type TestServer } from '../../src-server/test-support/test-server';
import { revokeDevice } from '../../src-server/pairing/devices';
import { base64, resourcesDir, startTestApp, type TestApp } from '../test-support/temp-services';
import { runSync } from './sync-run';
import { downloadFile, SyncRefused, type SyncTarget } from './sync-transport';

let server: TestServer;
let a: TestApp;
let b: TestApp;
let targetA: SyncTarget;
let targetB: SyncTarget;
let deviceB: string;
let anna: string;

beforeEach(async () => {
  server = await startTestServer();
  const [pa, pb] = [await pairDevice(server, 'Laptop A'), await pairDevice(server, 'Laptop B')];
  targetA = { url: server.url, token: pa.token };
  targetB = { url: server.url, token: pb.token };
  deviceB = pb.deviceId;
  a = await startTestApp();
  b = await startTestApp();
  anna = (await a.ok('setup.complete', { company: { name: 'Zakłady Łódzkie Sp. z o.o.' }, userName: 'Anna Nowak' })).user.id;
  await b.ok('setup.complete', { company: { name: 'Zakłady Łódzkie Sp. z o.o.' }, userName: 'Piotr Wiśniewski' });
});
afterEach(async () => {
  await a.close();
  await b.close();
  await server.close();
});

const sync = (app: TestApp, target: SyncTarget) => runSync(app.context, target);
const jan: ContactFieldsInput = { kind: 'client', firstName: 'Jan', lastName: 'Kowalski', email: 'jan@example.pl', city: 'Łódź' };

async function contactOn(app: TestApp, id: string) {
  return app.ok('contacts.get', { id });
}

it('a contact made on one laptop reaches the other; edits of different fields made offline are both kept', async () => {
  const made = await a.ok('contacts.create', { fields: jan });
  await sync(a, targetA);
  await sync(b, targetB);
  expect(await contactOn(b, made.id)).toMatchObject({ firstName: 'Jan', lastName: 'Kowalski', email: 'jan@example.pl', city: 'Łódź' });

  // Both offline: A changes the e-mail, B the phone.
  await a.ok('contacts.update', { id: made.id, fields: { ...jan, email: 'jan.kowalski@example.pl' } });
  await b.ok('contacts.update', { id: made.id, fields: { ...jan, phone: '+48 601 234 567' } });
  await sync(a, targetA);
  await sync(b, targetB);
  await sync(a, targetA);
  for (const app of [a, b]) expect(await contactOn(app, made.id)).toMatchObject({ email: 'jan.kowalski@example.pl', phone: '+48601234567', city: 'Łódź' });
  // Found by what it is now: the derived search text followed the pulled fields.
  expect((await b.ok('contacts.list', { query: 'jan.kowalski', offset: 0, limit: 10 })).total).toBe(1);
});

it('the same field edited on both: the later edit wins, and both end the same', async () => {
  const made = await a.ok('contacts.create', { fields: jan });
  await sync(a, targetA);
  await sync(b, targetB);
  await a.ok('contacts.update', { id: made.id, fields: { ...jan, city: 'Kraków' } });
  await new Promise((r) => setTimeout(r, 5));
  await b.ok('contacts.update', { id: made.id, fields: { ...jan, city: 'Gdańsk' } });
  // B pushes first, A second: the order of pushes does not decide, the order of the edits does.
  await sync(b, targetB);
  await sync(a, targetA);
  await sync(b, targetB);
  expect((await contactOn(a, made.id)).city).toBe('Gdańsk');
  expect((await contactOn(b, made.id)).city).toBe('Gdańsk');
});

it('a document made on one laptop appears on the other with its history, and its PDF is fetched when first read', async () => {
  const pdf = fs.readFileSync(path.join(resourcesDir, 'samples', 'nda-pl.pdf'));
  const contact = await a.ok('contacts.create', { fields: jan });
  const { sha256 } = await a.ok('pdf.import', { data: base64(pdf) });
  const doc = await a.ok('documents.create', { fileSha256: sha256, originalName: 'nda-pl.pdf', title: 'Umowa o zachowaniu poufności', companySignerIds: [], counterpartyContactIds: [contact.id], tags: ['NDA'] });
  await sync(a, targetA);
  expect(await downloadFile(targetB, sha256)).toEqual(new Uint8Array(pdf));
  await sync(b, targetB);

  const seen = await b.ok('documents.get', { id: doc.id });
  expect(seen).toMatchObject({ title: 'Umowa o zachowaniu poufności', number: doc.number, tags: ['NDA'], chainIntact: true });
  expect(seen.events.map((e) => e.hash)).toEqual(doc.events.map((e) => e.hash));
  expect(seen.signers.map((s) => s.contactId)).toEqual([contact.id]);
  // Found by search as on A: by its title, and by its counterparty's name.
  for (const query of ['poufności', 'Kowalski']) expect((await b.ok('documents.list', { filter: { query } })).items.map((d) => d.id)).toEqual([doc.id]);
  expect(await b.context.files.has(sha256)).toBe(false);
  b.context.files.fetchMissing = (sha) => downloadFile(targetB, sha);
  const file = await b.ok('documents.file', { id: doc.id, which: 'original' });
  expect(Buffer.from(file.data, 'base64').equals(pdf)).toBe(true);
  expect(await b.context.files.has(sha256)).toBe(true);
});

it('a template saved on one laptop is offered on the other, and a rename follows', async () => {
  const pdf = fs.readFileSync(path.join(resourcesDir, 'samples', 'nda-pl.pdf'));
  const { sha256 } = await a.ok('pdf.import', { data: base64(pdf) });
  const doc = await a.ok('documents.create', { fileSha256: sha256, originalName: 'nda-pl.pdf', title: 'NDA', companySignerIds: [anna], counterpartyContactIds: [] });
  const template = await a.ok('templates.saveFromDocument', { documentId: doc.id, name: 'Umowa NDA — klient' });
  await sync(a, targetA);
  await sync(b, targetB);
  expect((await b.ok('templates.list', {})).map((t) => t.name)).toEqual(['Umowa NDA — klient']);
  await a.ok('templates.rename', { id: template.id, name: 'NDA standard' });
  await sync(a, targetA);
  await sync(b, targetB);
  expect((await b.ok('templates.list', {})).map((t) => t.name)).toEqual(['NDA standard']);
});

it('a batch pushed twice changes nothing, and nothing comes back as a change of the laptop that made it', async () => {
  await a.ok('contacts.create', { fields: jan });
  const first = await sync(a, targetA);
  expect(first.pushed).toBeGreaterThan(0);
  const entries = await server.store.db.selectFrom('sync_entries').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  // The same changes again, as after a push whose answer was lost.
  const again = await server.app.inject({ method: 'POST', url: '/api/v1/sync/push', headers: { authorization: `Bearer ${targetA.token}` }, payload: await replayOf(a) });
  expect(again.json()).toEqual({ accepted: 0, conflicts: [], refused: [] });
  const after = await server.store.db.selectFrom('sync_entries').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  expect(Number(after.n)).toBe(Number(entries.n));
  const second = await sync(a, targetA);
  expect(second.pushed).toBe(0);
  expect(await a.context.db.selectFrom('sync_outbox').selectAll().execute()).toEqual([]);
});

it('a revoked device stops syncing with the reason and keeps its local data', async () => {
  const made = await b.ok('contacts.create', { fields: jan });
  await revokeDevice(server.store.db, deviceB, new Date());
  const refused = await sync(b, targetB).catch((e: unknown) => e);
  expect(refused).toBeInstanceOf(SyncRefused);
  expect((refused as SyncRefused).status).toBe(401);
  expect((await contactOn(b, made.id)).lastName).toBe('Kowalski');
  expect((await b.context.db.selectFrom('sync_outbox').selectAll().execute()).length).toBeGreaterThan(0);
});

it('a signed document is never changed by a merge, a stage move illegal after the merge is refused; both reported, and both laptops end with the signed state', async () => {
  const pdf = fs.readFileSync(path.join(resourcesDir, 'samples', 'nda-pl.pdf'));
  const contact = await a.ok('contacts.create', { fields: jan });
  const { sha256 } = await a.ok('pdf.import', { data: base64(pdf) });
  const stages = await a.ok('stages.add', { afterId: (await a.ok('stages.list', {})).find((s) => s.key === 'draft')!.id, name: 'Legal review', color: '#7c3aed' });
  const legal = stages.find((s) => s.name === 'Legal review')!;
  const doc = await a.ok('documents.create', { fileSha256: sha256, originalName: 'nda-pl.pdf', title: 'Umowa NDA', companySignerIds: [anna], counterpartyContactIds: [contact.id] });
  await sync(a, targetA);
  await sync(b, targetB);
  // The custom stage came across under its own id, Signet's own stages by their key.
  expect((await b.ok('stages.list', {})).map((s) => s.name ?? s.key)).toEqual((await a.ok('stages.list', {})).map((s) => s.name ?? s.key));

  // On B (offline): the card moves to company signing and Anna signs there. The signature is written as signing
  // records it (the signing flow itself has its own tests): the signer's row signed.
  const onB = await b.ok('documents.get', { id: doc.id });
  const companySigning = (await b.ok('stages.list', {})).find((s) => s.key === 'waitingCompany')!;
  await b.ok('documents.move', { id: doc.id, stageId: companySigning.id, version: onB.version });
  await b.context.db.updateTable('document_signers').set({ status: 'signed', signed_at: new Date().toISOString() }).where('document_id', '=', doc.id).where('user_id', '=', anna).execute();
  await new Promise((r) => setTimeout(r, 5));
  // On A, not knowing: the title changed and the card back in a draft stage — both legal on A, later than B's move.
  const onA = await a.ok('documents.update', { id: doc.id, version: doc.version, title: 'Umowa NDA (poprawiona)' });
  await a.ok('documents.move', { id: doc.id, stageId: legal.id, version: onA.version });

  await sync(a, targetA);
  const merged = await sync(b, targetB);
  // The title and the move refused; the history merged as a set: each laptop's entry for its own move is on both.
  expect(merged.conflicts).toBe(2);
  const seenOnB = await b.ok('documents.get', { id: doc.id });
  expect(seenOnB).toMatchObject({ title: 'Umowa NDA', stageId: companySigning.id, chainIntact: true });
  const reasons = (await b.context.db.selectFrom('sync_conflicts').select(['entity_id', 'reason', 'details']).execute()).map((c) => ({ id: c.entity_id, reason: c.reason, field: (JSON.parse(c.details) as { field: string }).field }));
  expect(reasons).toHaveLength(2);
  expect(reasons).toContainEqual({ id: doc.id, reason: 'documentSigned', field: 'title' });
  // The stage is not covered by the signature; the move is refused by the lifecycle (a signature given cannot go back to draft).
  expect(reasons.find((r) => r.field === 'stage')).toMatchObject({ id: doc.id, reason: expect.stringMatching(/^documents\.move\./) as unknown as string });
  // Settings lists them by the document's number and title, each with its reason's text key.
  const listed = await b.ok('sync.conflicts', {});
  expect(listed.map((c) => [c.label, c.field ?? null, c.reasonKey]).sort()).toEqual(
    [
      [`${doc.number} · Umowa NDA`, 'stage', 'documents.move.signaturesGiven'],
      [`${doc.number} · Umowa NDA`, 'title', 'sync.reasons.documentSigned'],
    ].sort(),
  );

  // B asserted what was signed again: A takes it, and both laptops agree.
  await sync(a, targetA);
  const backOnA = await a.ok('documents.get', { id: doc.id });
  expect(backOnA.title).toBe('Umowa NDA');
  expect(backOnA.stageId).toBe((await a.ok('stages.list', {})).find((s) => s.key === 'waitingCompany')!.id);
  await sync(b, targetB);
  expect((await b.ok('documents.get', { id: doc.id })).title).toBe('Umowa NDA');
  // Both histories hold both moves (each chained after the laptop's own), verify, and say the same things.
  const said = (events: readonly { at: string; type: string; details?: Record<string, string> }[]) => events.map((e) => `${e.at} ${e.type} ${JSON.stringify(e.details ?? {})}`).sort();
  const [histA, histB] = [await a.ok('documents.get', { id: doc.id }), await b.ok('documents.get', { id: doc.id })];
  expect(histA.chainIntact && histB.chainIntact).toBe(true);
  expect(histA.events.filter((e) => e.type === 'stageMoved')).toHaveLength(2);
  expect(said(histA.events)).toEqual(said(histB.events));
  // Another round adds nothing: the set is the set.
  await sync(a, targetA);
  await sync(b, targetB);
  expect((await a.ok('documents.get', { id: doc.id })).events).toHaveLength(histA.events.length);
  expect((await b.ok('documents.get', { id: doc.id })).events).toHaveLength(histB.events.length);
});

it('two laptops that numbered a document alike while apart: the pull goes on, the clash is reported, nothing is overwritten', async () => {
  const pdf = fs.readFileSync(path.join(resourcesDir, 'samples', 'nda-pl.pdf'));
  const make = async (app: TestApp, title: string) => {
    const { sha256 } = await app.ok('pdf.import', { data: base64(pdf) });
    return app.ok('documents.create', { fileSha256: sha256, originalName: 'nda-pl.pdf', title, companySignerIds: [], counterpartyContactIds: [] });
  };
  const onA = await make(a, 'Umowa A');
  const onB = await make(b, 'Umowa B');
  expect(onA.number).toBe(onB.number);
  const contact = await a.ok('contacts.create', { fields: jan });
  await sync(a, targetA);
  const pulled = await sync(b, targetB);
  expect(pulled.conflicts).toBeGreaterThan(0);
  // B's own document is untouched, A's is not inserted over it, and the rest of the page (the contact) came across.
  expect((await b.ok('documents.get', { id: onB.id })).title).toBe('Umowa B');
  expect((await b.call('documents.get', { id: onA.id })).ok).toBe(false);
  expect((await contactOn(b, contact.id)).lastName).toBe('Kowalski');
  const clash = await b.context.db.selectFrom('sync_conflicts').select(['entity', 'entity_id', 'reason']).where('reason', '=', 'documentNumberTaken').execute();
  expect(clash).toEqual([{ entity: 'document', entity_id: onA.id, reason: 'documentNumberTaken' }]);
  // Sync is not stuck on it: the next round runs clean.
  await a.ok('contacts.update', { id: contact.id, fields: { ...jan, city: 'Kraków' } });
  await sync(a, targetA);
  await sync(b, targetB);
  expect((await contactOn(b, contact.id)).city).toBe('Kraków');
});

/** What the server holds, sent back as a push: every field and event with its stamp. */
async function replayOf(_app: TestApp) {
  const rows = await server.store.db.selectFrom('sync_entries').selectAll().execute();
  return {
    fields: rows.filter((r) => r.kind === 'field').map((r) => ({ entity: r.entity, id: r.entity_id, field: r.key, value: JSON.parse(r.value) as unknown, stamp: r.stamp })),
    events: rows.filter((r) => r.kind === 'event').map((r) => ({ documentId: r.entity_id, eventId: r.key, body: r.value, stamp: r.stamp })),
  };
}

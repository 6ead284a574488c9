import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { builtinRoleId, defaultRoleLevels } from '../../src-shared/permissions/roles';
import { createAccount } from '../../src-server/accounts/accounts';
import { createEnrolmentCode } from '../../src-server/accounts/enrolment';
import { newAccountSchema } from '../../src-shared/company-server/account-api';
import { pairDevice } from '../../src-server/test-support/paired-device';
import { startTestServer, type TestServer } from '../../src-server/test-support/test-server';
import { readLink, readToken } from '../services/company-server/link-store';
import { base64, resourcesDir, startTestApp, type TestApp } from '../test-support/temp-services';
import { runSync } from './sync-run';
import type { SyncTarget } from './sync-transport';

/*
 * Issue 8, offline: an action taken on a laptop that the server then refuses — the permission was taken away while
 * the laptop was offline — is rolled back there and reported, never silently kept. Real server, real desktops: the
 * administrator's (paired with a code) and Ewa's, signed in with her account as the desktop's user.
 */
let server: TestServer;
let admin: TestApp;
let ewaApp: TestApp;
let adminTarget: SyncTarget;
let ewaTarget: SyncTarget;
let ewa: string;

async function enrolled(name: string, email: string): Promise<{ id: string; target: SyncTarget; app: TestApp }> {
  const account = await createAccount(server.store.db, newAccountSchema.parse({ name, email, department: 'Sprzedaż' }), new Date());
  const { code } = await createEnrolmentCode(server.store.db, account.id, new Date());
  const app = await startTestApp();
  await app.ok('setup.complete', { company: { name: 'Zakłady Łódzkie Sp. z o.o.' }, userName: name });
  // Signing in with the invitation, as Settings does: the account becomes this desktop's user, its token in the keychain.
  await app.ok('companyServer.enrol', { url: server.url, code, deviceName: `Laptop ${name}` });
  const link = (await readLink(app.context))!;
  return { id: account.id, target: { url: server.url, token: (await readToken(app.context, link))! }, app };
}

beforeEach(async () => {
  server = await startTestServer();
  adminTarget = { url: server.url, token: (await pairDevice(server, 'Laptop administratora')).token };
  admin = await startTestApp();
  await admin.ok('setup.complete', { company: { name: 'Zakłady Łódzkie Sp. z o.o.' }, userName: 'Anna Nowak' });
  const e = await enrolled('Ewa Zielińska', 'ewa@zaklady.pl');
  [ewa, ewaTarget, ewaApp] = [e.id, e.target, e.app];
});
afterEach(async () => {
  await admin.close();
  await ewaApp.close();
  await server.close();
});

const withdrawn = { 'documents.create': 'none', 'documents.edit': 'none', 'documents.delete': 'none' } as const;
const pdf = () => fs.readFileSync(path.join(resourcesDir, 'samples', 'nda-pl.pdf'));
async function draft(app: TestApp, title: string) {
  const { sha256 } = await app.ok('pdf.import', { data: base64(pdf()) });
  return app.ok('documents.create', { fileSha256: sha256, originalName: 'nda-pl.pdf', title, companySignerIds: [], counterpartyContactIds: [] });
}
const reports = async () =>
  (await ewaApp.context.db.selectFrom('sync_conflicts').select(['entity', 'entity_id', 'details']).where('reason', '=', 'permissionRefused').orderBy('id').execute()).map((c) => ({ ...c, details: JSON.parse(c.details) as Record<string, unknown> }));
const serverTitle = async (id: string) => {
  const row = await server.store.db.selectFrom('sync_entries').select('value').where('entity', '=', 'document').where('entity_id', '=', id).where('key', '=', 'title').executeTakeFirst();
  return row ? (JSON.parse(row.value) as string) : undefined;
};

it('what an Employee did offline after editing was taken from her role is refused by the server, undone on her laptop and reported, and not pushed again', async () => {
  // As an Employee: her drafts reach the server.
  const kept = await draft(ewaApp, 'Oferta dla Hurtowni Bałtyk');
  const toDelete = await draft(ewaApp, 'Szkic do usunięcia');
  const first = await runSync(ewaApp.context, ewaTarget);
  // All of it: the profile this laptop was set up with was its own administrator, and signing in with her account
  // retired it (its documents stay), so the server has nothing to refuse.
  expect(first.refused).toBe(0);
  const setupUser = (await ewaApp.context.db.selectFrom('users').select(['id', 'is_admin']).where('id', '!=', ewa).executeTakeFirstOrThrow());
  expect(setupUser.is_admin).toBe(0);
  expect(await ewaApp.context.db.selectFrom('role_assignments').select('role_id').where('subject', '=', setupUser.id).execute()).toEqual([]);
  expect(await reports()).toEqual([]);
  expect(await serverTitle(kept.id)).toBe('Oferta dla Hurtowni Bałtyk');

  // The administrator takes creating, editing and deleting away from the Employee role (moving and sending stay).
  await runSync(admin.context, adminTarget);
  await admin.ok('permissions.saveRole', { id: builtinRoleId('employee'), name: null, levels: { ...defaultRoleLevels.employee, ...withdrawn }, stageMoves: {} });
  await runSync(admin.context, adminTarget);

  // Ewa, offline and still an Employee here: edits a title, makes a document, deletes a draft, adds a contact.
  const edited = await ewaApp.ok('documents.update', { id: kept.id, version: kept.version, title: 'Oferta dla Hurtowni Bałtyk — rabat 30%' });
  const made = await draft(ewaApp, 'Nowa umowa offline');
  await ewaApp.ok('documents.delete', { id: toDelete.id, version: toDelete.version });
  expect(edited.title).toContain('rabat');

  const result = await runSync(ewaApp.context, ewaTarget);
  // The server kept none of it.
  expect(result.refused).toBeGreaterThan(0);
  expect(await serverTitle(kept.id)).toBe('Oferta dla Hurtowni Bałtyk');
  expect(await serverTitle(made.id)).toBeUndefined();
  const deleted = await server.store.db.selectFrom('sync_entries').select('value').where('entity_id', '=', toDelete.id).where('key', '=', 'deleted').executeTakeFirst();
  expect(deleted).toBeUndefined();
  expect(server.logLines.some((l) => l.includes('sync push refused by access permissions') && l.includes(ewa))).toBe(true);

  // And on her laptop it is undone: the title as the server keeps it, the new document gone, the deleted one back with its history.
  expect((await ewaApp.ok('documents.get', { id: kept.id })).title).toBe('Oferta dla Hurtowni Bałtyk');
  const gone = await ewaApp.call('documents.get', { id: made.id });
  expect(!gone.ok && gone.error.code).toBe('NOT_FOUND');
  const back = await ewaApp.ok('documents.get', { id: toDelete.id });
  expect(back).toMatchObject({ title: 'Szkic do usunięcia', chainIntact: true });
  expect(back.events.map((e) => e.type)).toContain('created');
  // Each document's own history says what was undone and why, after the entry the change had written.
  const history = (await ewaApp.ok('documents.get', { id: kept.id })).events;
  expect(history.at(-1)).toMatchObject({ type: 'syncRefused', actor: 'Signet', details: { action: 'documents.edit', fields: 'title' } });
  expect(history.map((e) => e.type)).toContain('updated');
  expect(back.events.at(-1)).toMatchObject({ type: 'syncRefused', details: { action: 'documents.delete', fields: 'deleted' } });
  // Reported, each with the permission it lacked and what was undone.
  const conflicts = await reports();
  const byDocument = (id: string) => conflicts.filter((c) => c.entity_id === id).map((c) => c.details);
  expect(byDocument(kept.id)).toEqual([{ field: 'title', action: 'documents.edit', undone: { title: 'Oferta dla Hurtowni Bałtyk — rabat 30%' } }]);
  expect(byDocument(toDelete.id)).toEqual([{ field: 'deleted', action: 'documents.delete', undone: { deleted: true } }]);
  // The new document: every field of it one report, and its history entry (it never existed for the server).
  expect(byDocument(made.id)).toContainEqual(expect.objectContaining({ action: 'documents.create', fields: expect.arrayContaining(['title', 'owner_id']) as unknown }));
  const listed = await ewaApp.ok('sync.conflicts', {});
  // The document that is gone is named by what it was.
  expect(listed.map((c) => c.label)).toContain(`${made.number} · Nowa umowa offline`);
  expect(listed.filter((c) => c.reasonKey === 'sync.reasons.permissionRefused').length).toBe(conflicts.length);
  // Her laptop applies the permissions it synced.
  expect((await ewaApp.ok('app.info', {})).grants).toMatchObject({ ...withdrawn, 'documents.view': 'own', 'documents.move': 'own' });
  // Another round changes nothing more: the undone changes are not pushed again.
  const again = await runSync(ewaApp.context, ewaTarget);
  expect(again.refused).toBe(0);
  expect(await ewaApp.context.db.selectFrom('sync_outbox').selectAll().execute()).toEqual([]);
  // The server has those entries too, so every desktop's history tells the same story.
  const onServer = await server.store.db.selectFrom('sync_entries').select('value').where('kind', '=', 'event').where('entity_id', '=', kept.id).execute();
  expect(onServer.map((e) => (JSON.parse(e.value) as { type: string }).type)).toEqual(expect.arrayContaining(['updated', 'syncRefused']));
});

it('a role an employee gives herself in a tampered local store is refused by the server, taken away here, and named by role and holder', async () => {
  await runSync(ewaApp.context, ewaTarget);
  // Written past the services, as someone editing the SQLite file would: the triggers still log it for sync.
  await ewaApp.context.db.insertInto('role_assignments').values({ subject_kind: 'user', subject: ewa, role_id: builtinRoleId('administrator') }).execute();
  expect((await ewaApp.ok('app.info', {})).grants['permissions.manage']).toBe('all');

  const result = await runSync(ewaApp.context, ewaTarget);
  expect(result.refused).toBe(3);
  expect(await ewaApp.context.db.selectFrom('role_assignments').select('role_id').where('subject', '=', ewa).execute()).toEqual([{ role_id: builtinRoleId('employee') }]);
  expect((await ewaApp.ok('app.info', {})).grants['permissions.manage']).toBe('none');
  const listed = await ewaApp.ok('sync.conflicts', {});
  expect(listed.map((c) => ({ role: c.role?.builtin, holder: c.holder, reasonKey: c.reasonKey }))).toEqual([{ role: 'administrator', holder: 'Ewa Zielińska', reasonKey: 'sync.reasons.permissionRefused' }]);
  expect(server.logLines.some((l) => l.includes('sync push refused by access permissions') && l.includes('role_assignment'))).toBe(true);
});

it('made a Viewer, her edit and the history entry it wrote are both refused: the entry leaves her history too, which stays whole and the same as the server’s', async () => {
  const doc = await draft(ewaApp, 'Oferta dla Hurtowni Bałtyk');
  await runSync(ewaApp.context, ewaTarget);
  await runSync(admin.context, adminTarget);
  await admin.ok('permissions.assignUser', { userId: ewa, roleIds: [builtinRoleId('viewer')], department: 'Sprzedaż' });
  await runSync(admin.context, adminTarget);

  await ewaApp.ok('documents.update', { id: doc.id, version: doc.version, title: 'Oferta — rabat 30%' });
  expect((await ewaApp.ok('documents.get', { id: doc.id })).events.map((e) => e.type)).toContain('updated');
  await runSync(ewaApp.context, ewaTarget);

  const here = await ewaApp.ok('documents.get', { id: doc.id });
  expect(here).toMatchObject({ title: 'Oferta dla Hurtowni Bałtyk', chainIntact: true });
  // No entry for the refused edit, and no note either: someone who may not act on it does not write its history.
  expect(here.events.map((e) => e.type)).toEqual(['created']);
  const onServer = await server.store.db.selectFrom('sync_entries').select('key').where('kind', '=', 'event').where('entity_id', '=', doc.id).execute();
  expect(onServer).toHaveLength(here.events.length);
  expect((await reports()).filter((r) => r.entity_id === doc.id).map((r) => r.details.action).sort()).toEqual(['documents.edit', 'documents.edit']);
});

import { createHash } from 'node:crypto';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { defaultEntryIds, defaultPipelineWithIds, ruleSyncFields } from '../../src-shared/automation/sync-fields';
import { permissionActionNames } from '../../src-shared/permissions/actions';
import { builtinRoleId, defaultRoleLevels } from '../../src-shared/permissions/roles';
import { encodeStamp } from '../../src-shared/sync/hlc';
import type { SyncValue } from '../../src-shared/sync/merge';
import { pullAnswer, pushAnswer, type FieldChange, type SyncEntity } from '../../src-shared/sync/protocol';
import { setAccountDisabled } from '../accounts/accounts';
import { builtinAdministratorId } from '../accounts/builtin-administrator';
import { enrolAccountDevice, type AccountDevice } from '../test-support/account-device';
import { pairDevice, type PairedDevice } from '../test-support/paired-device';
import { startTestServer, type TestServer } from '../test-support/test-server';

/*
 * Bypass attempts on the sync API (issue 8): what a crafted request from an employee's own device token asks for that
 * their permissions do not allow is refused and logged, and leaves the server's data as it was.
 */
let server: TestServer;
let admin: PairedDevice;
let ewa: AccountDevice;
let clock = 0;
const stamp = () => encodeStamp({ wall: Date.now() + ++clock, counter: 0, node: 'crafted' });
const field = (entity: SyncEntity, id: string, name: string, value: SyncValue): FieldChange => ({ entity, id, field: name, value, stamp: stamp() });

beforeEach(async () => {
  server = await startTestServer();
  admin = await pairDevice(server, 'Laptop administratora');
  ewa = await enrolAccountDevice(server, { name: 'Ewa Zielińska', email: 'ewa@zaklady.pl', department: 'Sprzedaż' });
});
afterEach(() => server.close());

const post = (device: PairedDevice, fields: FieldChange[], events: unknown[] = []) =>
  device.fetch('/api/v1/sync/push', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ fields, events }) });
async function pushed(device: PairedDevice, fields: FieldChange[], events: unknown[] = []) {
  const response = await post(device, fields, events);
  expect(response.status).toBe(200);
  return pushAnswer.parse(await response.json());
}
const entries = async () => (await server.store.db.selectFrom('sync_entries').select(['entity', 'entity_id', 'key', 'value']).orderBy('seq').execute()).map((e) => `${e.entity}/${e.entity_id}/${e.key}=${e.value}`);
const refusalLogged = () => server.logLines.filter((l) => l.includes('sync push refused by access permissions') && l.includes(ewa.account.id));

function documentFields(id: string, owner: string, department: string | null, title: string): FieldChange[] {
  return [field('document', id, 'title', title), field('document', id, 'owner_id', owner), field('document', id, 'department', department), field('document', id, 'stage', 'key:draft')];
}

it('an Employee granting herself the Administrator role or widening the Employee role over the sync API is refused, logged, and nothing changes', async () => {
  const before = await entries();
  const all = Object.fromEntries(permissionActionNames.map((a) => [a, 'all']));
  const answer = await pushed(ewa, [
    field('role_assignment', `user|${builtinRoleId('administrator')}|${ewa.account.id}`, 'subject_kind', 'user'),
    field('role', builtinRoleId('employee'), 'levels', JSON.stringify(all)),
    field('user', ewa.account.id, 'department', 'Zarząd'),
  ]);
  expect(answer.accepted).toBe(0);
  expect(answer.refused.map((r) => (r.kind === 'field' ? `${r.entity}.${r.field}:${r.action}` : ''))).toEqual(['role_assignment.subject_kind:permissions.manage', 'role.levels:permissions.manage', 'user.department:permissions.manage']);
  // The built-in role's matrix comes back as the server holds it — its default, since no desktop changed it.
  expect(answer.refused[1]).toMatchObject({ kept: { value: JSON.stringify(defaultRoleLevels.employee) } });
  expect(await entries()).toEqual(before);
  expect(refusalLogged()).toHaveLength(1);
});

it("a pull never carries another department's documents or their history; an event pushed for one is refused", async () => {
  const mine = documentFields('doc-ewa', ewa.account.id, 'Sprzedaż', 'Oferta Ewy');
  const theirs = documentFields('doc-zakupy', 'someone-else', 'Zakupy', 'Umowa z dostawcą stali');
  const event = { documentId: 'doc-zakupy', eventId: 'a'.repeat(64), body: JSON.stringify({ seq: 1, at: new Date().toISOString(), type: 'created', actor: 'someone-else', details: null, prev_hash: '0'.repeat(64) }), stamp: stamp() };
  expect((await pushed(admin, [...mine, ...theirs], [event])).refused).toEqual([]);

  const response = await ewa.fetch('/api/v1/sync/pull?after=0');
  const page = pullAnswer.parse(await response.json());
  const ids = new Set(page.entries.map((e) => (e.kind === 'field' ? e.change.id : e.change.documentId)));
  expect(ids.has('doc-ewa')).toBe(true);
  expect(ids.has('doc-zakupy')).toBe(false);
  expect(JSON.stringify(page)).not.toContain('stali');

  // Writing into its history from her device: refused (she may not see it), logged.
  const crafted = { ...event, eventId: 'b'.repeat(64) };
  const answer = await pushed(ewa, [], [crafted]);
  expect(answer.refused).toEqual([{ kind: 'event', documentId: 'doc-zakupy', eventId: crafted.eventId, action: 'documents.edit' }]);
  expect(refusalLogged()).toHaveLength(1);
  // Seeing a document is not writing its history: as a Viewer of everything, a forged "signed" entry is refused too.
  await pushed(admin, [field('role_assignment', `user|${builtinRoleId('viewer')}|${ewa.account.id}`, 'subject_kind', 'user')]);
  const forged = { ...event, eventId: 'c'.repeat(64), body: event.body.replace('"created"', '"signed"') };
  expect((await pushed(ewa, [], [forged])).refused).toEqual([{ kind: 'event', documentId: 'doc-zakupy', eventId: forged.eventId, action: 'documents.edit' }]);
  // And so is an entry for a document the server does not have, from someone who may not create documents.
  const orphan = { ...event, documentId: 'doc-unknown', eventId: 'd'.repeat(64) };
  expect((await pushed(ewa, [], [orphan])).refused).toEqual([{ kind: 'event', documentId: 'doc-unknown', eventId: orphan.eventId, action: 'documents.create' }]);
  // A Manager of Zakupy sees it, through a department holding the administrator gives.
  await pushed(admin, [field('role_assignment', `department|${builtinRoleId('manager')}|Zakupy`, 'subject_kind', 'department')]);
  const jan = await enrolAccountDevice(server, { name: 'Jan Kowalski', email: 'jan@zaklady.pl', department: 'Zakupy' });
  const his = pullAnswer.parse(await (await jan.fetch('/api/v1/sync/pull?after=0')).json());
  expect(his.entries.some((e) => e.kind === 'event' && e.change.documentId === 'doc-zakupy')).toBe(true);
  expect(his.entries.some((e) => e.kind === 'field' && e.change.id === 'doc-ewa')).toBe(false);
});

it('the last one able to manage permissions cannot take the right away from themselves through sync', async () => {
  // Ewa is made the permission manager; the built-in Administrator's account is disabled.
  const role = 'role-kadry';
  const levels = Object.fromEntries(permissionActionNames.map((a) => [a, a === 'permissions.manage' ? 'all' : 'none']));
  await pushed(admin, [field('role', role, 'name', 'Kadry'), field('role', role, 'levels', JSON.stringify(levels)), field('role', role, 'stage_moves', '{}'), field('role_assignment', `user|${role}|${ewa.account.id}`, 'subject_kind', 'user')]);
  await setAccountDisabled(server.store.db, await builtinAdministratorId(server.store.db), true, new Date());
  const before = await entries();

  const answer = await pushed(ewa, [field('role_assignment', `user|${role}|${ewa.account.id}`, 'deleted', true)]);
  expect(answer.refused).toEqual([{ kind: 'field', entity: 'role_assignment', id: `user|${role}|${ewa.account.id}`, field: 'deleted', action: 'permissions.manage' }]);
  const emptied = await pushed(ewa, [field('role', role, 'levels', JSON.stringify({ ...levels, 'permissions.manage': 'none' }))]);
  expect(emptied.refused).toHaveLength(1);
  expect(await entries()).toEqual(before);
  expect(refusalLogged()).toHaveLength(2);
  // Handing it on first is fine: Jan gets the role, then Ewa may give hers up.
  const jan = await enrolAccountDevice(server, { name: 'Jan Kowalski', email: 'jan@zaklady.pl', department: 'Kadry' });
  expect((await pushed(ewa, [field('role_assignment', `user|${role}|${jan.account.id}`, 'subject_kind', 'user')])).refused).toEqual([]);
  expect((await pushed(ewa, [field('role_assignment', `user|${role}|${ewa.account.id}`, 'deleted', true)])).refused).toEqual([]);
});

it('the permission history only grows, by permission managers in their own name', async () => {
  const entry = (id: string, actor: string) => ['at', 'actor_id', 'actor_name', 'kind', 'subject', 'before', 'after'].map((name) =>
    field('permission_change', id, name, name === 'actor_id' ? actor : name === 'at' ? new Date().toISOString() : name === 'before' || name === 'after' ? 'null' : 'roleSaved'),
  );
  // An Employee cannot write one, even about nothing.
  const forged = await pushed(ewa, entry('h-1', ewa.account.id));
  expect(forged.accepted).toBe(0);
  expect(forged.refused).toHaveLength(7);
  // A manager (given the right by the administrator) writes their own, not in someone else's name.
  const levels = Object.fromEntries(permissionActionNames.map((a) => [a, a === 'permissions.manage' ? 'all' : 'none']));
  await pushed(admin, [field('role', 'role-kadry', 'levels', JSON.stringify(levels)), field('role', 'role-kadry', 'stage_moves', '{}'), field('role_assignment', `user|role-kadry|${ewa.account.id}`, 'subject_kind', 'user')]);
  expect((await pushed(ewa, entry('h-2', ewa.account.id))).refused).toEqual([]);
  expect((await pushed(ewa, entry('h-3', 'someone-else'))).refused.map((r) => (r.kind === 'field' ? r.field : ''))).toContain('actor_id');
  // And nobody rewrites or deletes an entry once kept.
  const before = await entries();
  const rewrite = await pushed(ewa, [field('permission_change', 'h-2', 'after', '{"roleIds":[]}'), field('permission_change', 'h-2', 'deleted', true)]);
  expect(rewrite.refused).toHaveLength(2);
  expect(await entries()).toEqual(before);
  // Only a permission manager's pull carries it.
  const jan = await enrolAccountDevice(server, { name: 'Jan Kowalski', email: 'jan@zaklady.pl', department: 'Zakupy' });
  const page = (device: PairedDevice) => device.fetch('/api/v1/sync/pull?after=0').then(async (r) => pullAnswer.parse(await r.json()));
  expect((await page(jan)).entries.some((e) => e.kind === 'field' && e.change.entity === 'permission_change')).toBe(false);
  expect((await page(ewa)).entries.some((e) => e.kind === 'field' && e.change.entity === 'permission_change')).toBe(true);
});

it("another department's PDF is neither in a pull nor served by the file route; a template's is everyone's", async () => {
  const upload = async (bytes: Buffer) => {
    const sha = createHash('sha256').update(bytes).digest('hex');
    const put = await admin.fetch(`/api/v1/sync/files/${sha}`, { method: 'PUT', headers: { 'content-type': 'application/octet-stream' }, body: bytes });
    expect(put.status).toBe(204);
    return sha;
  };
  const fileFields = (sha: string, size: number) => [field('file', sha, 'size', size), field('file', sha, 'media_type', 'application/pdf'), field('file', sha, 'created_at', new Date().toISOString())];
  const [theirs, template] = [Buffer.from('%PDF-1.7 umowa z dostawcą stali'), Buffer.from('%PDF-1.7 szablon umowy')];
  const [theirSha, templateSha] = [await upload(theirs), await upload(template)];
  await pushed(admin, [
    ...fileFields(theirSha, theirs.length),
    ...documentFields('doc-zakupy', 'someone-else', 'Zakupy', 'Umowa z dostawcą stali'),
    field('document', 'doc-zakupy', 'original_sha256', theirSha),
    ...fileFields(templateSha, template.length),
    field('template', 'template-1', 'file_sha256', templateSha),
  ]);
  const page = pullAnswer.parse(await (await ewa.fetch('/api/v1/sync/pull?after=0')).json());
  const files = new Set(page.entries.flatMap((e) => (e.kind === 'field' && e.change.entity === 'file' ? [e.change.id] : [])));
  expect(files.has(theirSha)).toBe(false);
  expect(files.has(templateSha)).toBe(true);
  expect((await ewa.fetch(`/api/v1/sync/files/${theirSha}`)).status).toBe(404);
  expect(server.logLines.some((l) => l.includes('file refused by access permissions') && l.includes(theirSha))).toBe(true);
  expect(Buffer.from(await (await ewa.fetch(`/api/v1/sync/files/${templateSha}`)).arrayBuffer()).equals(template)).toBe(true);
  // A Manager of Zakupy reads it.
  await pushed(admin, [field('role_assignment', `department|${builtinRoleId('manager')}|Zakupy`, 'subject_kind', 'department')]);
  const jan = await enrolAccountDevice(server, { name: 'Jan Kowalski', email: 'jan@zaklady.pl', department: 'Zakupy' });
  expect(Buffer.from(await (await jan.fetch(`/api/v1/sync/files/${theirSha}`)).arrayBuffer()).equals(theirs)).toBe(true);
  const his = pullAnswer.parse(await (await jan.fetch('/api/v1/sync/pull?after=0')).json());
  expect(his.entries.some((e) => e.kind === 'field' && e.change.entity === 'file' && e.change.id === theirSha)).toBe(true);
});

it("a document is not planted in another employee's name nor handed on, and nobody rewrites another's record or makes themselves a signer", async () => {
  const jan = await enrolAccountDevice(server, { name: 'Jan Kowalski', email: 'jan@zaklady.pl', department: 'Zarząd' });
  // Planted in Jan's name (his "own" list): refused; in her own, fine.
  const planted = await pushed(ewa, documentFields('doc-planted', jan.account.id, 'Zarząd', 'Umowa'));
  expect(planted.accepted).toBe(0);
  expect(new Set(planted.refused.map((r) => r.action))).toEqual(new Set(['documents.create']));
  expect((await pushed(ewa, documentFields('doc-hers', ewa.account.id, 'Sprzedaż', 'Oferta'))).refused).toEqual([]);
  // Handed on afterwards: refused, the owner kept.
  const handed = await pushed(ewa, [field('document', 'doc-hers', 'owner_id', jan.account.id)]);
  expect(handed.refused).toEqual([{ kind: 'field', entity: 'document', id: 'doc-hers', field: 'owner_id', action: 'documents.edit', kept: { value: ewa.account.id, stamp: expect.any(String) as unknown as string } }]);

  // Jan's record is Jan's (and the managers'); whether Ewa signs for the company is her account's setting.
  expect((await pushed(jan, [field('user', jan.account.id, 'name', 'Jan Kowalski'), field('user', jan.account.id, 'created_at', new Date().toISOString())])).refused).toEqual([]);
  const renamed = await pushed(ewa, [field('user', jan.account.id, 'name', 'Jan (zwolniony)'), field('user', ewa.account.id, 'is_signer', true)]);
  expect(renamed.refused.map((r) => (r.kind === 'field' ? `${r.id === ewa.account.id ? 'self' : 'jan'}.${r.field}` : ''))).toEqual(['jan.name', 'self.is_signer']);
  expect((await pushed(ewa, [field('user', ewa.account.id, 'name', 'Ewa Zielińska-Nowak'), field('user', ewa.account.id, 'is_signer', false)])).refused).toEqual([]);
  expect(refusalLogged()).toHaveLength(3);
});

it('a history entry that arrives in two pushes is kept whole', async () => {
  const levels = Object.fromEntries(permissionActionNames.map((a) => [a, a === 'permissions.manage' ? 'all' : 'none']));
  await pushed(admin, [field('role', 'role-kadry', 'levels', JSON.stringify(levels)), field('role', 'role-kadry', 'stage_moves', '{}'), field('role_assignment', `user|role-kadry|${ewa.account.id}`, 'subject_kind', 'user')]);
  const values: Record<string, string> = { at: new Date().toISOString(), actor_id: ewa.account.id, actor_name: 'Ewa', kind: 'roleSaved', subject: 'Kadry', before: 'null', after: 'null' };
  const fields = Object.entries(values).map(([name, value]) => field('permission_change', 'h-split', name, value));
  expect((await pushed(ewa, fields.slice(0, 4))).refused).toEqual([]);
  expect((await pushed(ewa, fields.slice(4))).refused).toEqual([]);
  const kept = await server.store.db.selectFrom('sync_entries').select('key').where('entity', '=', 'permission_change').where('entity_id', '=', 'h-split').execute();
  expect(kept.map((k) => k.key).sort()).toEqual(Object.keys(values).sort());
});

it("an Employee's push of the seed pipeline as every install has it changes nothing and passes; changing a rule needs 'manage automation rules'", async () => {
  const seed = [...defaultPipelineWithIds((key) => `key:${key}`).rules.map((r) => ({ entity: 'automation_rule' as const, id: r.id, fields: ruleSyncFields(r, r.stageId, r.action) }))];
  const restated = seed.flatMap((s) => Object.entries(s.fields).map(([name, value]) => field(s.entity, s.id, name, value)));
  expect((await pushed(ewa, restated)).refused).toEqual([]);

  const before = await entries();
  const mail = seed.find((s) => s.id === defaultEntryIds.mailRule)!;
  const answer = await pushed(ewa, [
    field('automation_rule', mail.id, 'action', JSON.stringify({ kind: 'emailSealed', to: ['ewa.prywatna@example.com'], toParties: true })),
    field('automation_trigger', 'ewa-trigger', 'stage', 'key:signed'),
  ]);
  expect(answer.refused.map((r) => (r.kind === 'field' ? `${r.entity}.${r.field}:${r.action}` : ''))).toEqual(['automation_rule.action:automation.manage', 'automation_trigger.stage:automation.manage']);
  // The rule's action comes back as every install has it.
  expect(answer.refused[0]).toMatchObject({ kept: { value: mail.fields.action } });
  expect(await entries()).toEqual(before);
  expect(refusalLogged()).toHaveLength(1);
});

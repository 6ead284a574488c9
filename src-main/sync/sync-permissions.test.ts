import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { builtinRoleId, defaultRoleLevels } from '../../src-shared/permissions/roles';
import { twoPairedDesktops } from '../test-support/paired-desktops';
import { base64, resourcesDir, type TestApp } from '../test-support/temp-services';

/*
 * Access permissions between two desktops through a real company server (issue 8, offline): roles, holdings and
 * departments made on one laptop are the other's after a sync, and so is a deleted document. Both laptops are paired
 * as the built-in Administrator, who may change all of it; what the server refuses is sync-refusals.test.ts's.
 */
let a: TestApp;
let b: TestApp;
let piotr: string;
let desktops: Awaited<ReturnType<typeof twoPairedDesktops>>;

beforeEach(async () => {
  desktops = await twoPairedDesktops();
  [a, b, piotr] = [desktops.a.app, desktops.b.app, desktops.b.userId];
});
afterEach(() => desktops.close());

const sync = (app: TestApp) => (app === a ? desktops.a : desktops.b).sync();
const both = async () => {
  await sync(a);
  await sync(b);
  await sync(a);
};

it('a role made and given on one laptop, a department and its roles, reach the other and decide what its user may do there', async () => {
  await both();
  const lawyer = await a.ok('permissions.saveRole', {
    name: 'Prawnik',
    levels: { ...defaultRoleLevels.viewer, 'documents.view': 'department', 'documents.edit': 'department' },
    stageMoves: { [(await a.ok('stages.list', {})).find((s) => s.key === 'signed')!.id]: 'none' },
  });
  // Piotr (B's user, known to A since the first sync) keeps only the new role, in Legal; Legal as a department is a Viewer.
  await a.ok('permissions.assignUser', { userId: piotr, roleIds: [lawyer.id], department: 'Dział prawny' });
  await a.ok('permissions.assignDepartment', { department: 'Dział prawny', roleIds: [builtinRoleId('viewer')] });
  await both();

  const onB = await b.ok('permissions.get', {}).catch(() => null);
  // Piotr may no longer open the section on his own laptop: his roles came with the sync, and they do not include it.
  expect(onB).toBeNull();
  const info = await b.ok('app.info', {});
  // Roles add up: the department's Viewer sees every document, Prawnik edits the department's.
  expect(info.grants).toMatchObject({ 'documents.view': defaultRoleLevels.viewer['documents.view'], 'documents.edit': 'department', 'documents.create': 'none', 'permissions.manage': 'none' });
  // The per-stage level came keyed by the stage's sync id and is B's own stage id here.
  const signedOnB = (await b.ok('stages.list', {})).find((s) => s.key === 'signed')!;
  expect(info.stageMoves).toEqual({ [signedOnB.id]: 'none' });
  const roles = await b.context.db.selectFrom('roles').select(['id', 'name']).where('id', '=', lawyer.id).execute();
  expect(roles).toEqual([{ id: lawyer.id, name: 'Prawnik' }]);
  const held = await b.context.db.selectFrom('role_assignments').select(['subject_kind', 'subject', 'role_id']).orderBy('subject_kind').execute();
  expect(held.filter((h) => h.subject === piotr || h.subject === 'Dział prawny')).toEqual([
    { subject_kind: 'department', subject: 'Dział prawny', role_id: builtinRoleId('viewer') },
    { subject_kind: 'user', subject: piotr, role_id: lawyer.id },
  ]);
  expect((await b.context.db.selectFrom('users').select('department').where('id', '=', piotr).executeTakeFirstOrThrow()).department).toBe('Dział prawny');
  // The history of those changes came along: who made each, what it was before and after, as A recorded it.
  const history = async (app: TestApp) => (await app.context.db.selectFrom('permission_changes').selectAll().orderBy('id').execute()).map((r) => ({ ...r }));
  expect(await history(b)).toEqual(await history(a));
  expect((await history(b)).map((h) => [h.kind, h.actor_name]).sort()).toEqual([
    ['departmentAssigned', 'Anna Nowak'],
    ['roleSaved', 'Anna Nowak'],
    ['userAssigned', 'Anna Nowak'],
  ]);

  // Deleting the role on A takes its holdings with it on B too.
  await a.ok('permissions.deleteRole', { id: lawyer.id });
  await both();
  expect(await b.context.db.selectFrom('roles').select('id').where('id', '=', lawyer.id).execute()).toEqual([]);
  expect(await b.context.db.selectFrom('role_assignments').select('role_id').where('role_id', '=', lawyer.id).execute()).toEqual([]);
  expect((await b.ok('app.info', {})).grants['documents.edit']).toBe('none');
});

it('a document deleted on one laptop goes on the other, unless it was signed there meanwhile (refused and reported)', async () => {
  const pdf = fs.readFileSync(path.join(resourcesDir, 'samples', 'nda-pl.pdf'));
  const { sha256 } = await a.ok('pdf.import', { data: base64(pdf) });
  const create = (title: string) => a.ok('documents.create', { fileSha256: sha256, originalName: 'nda-pl.pdf', title, companySignerIds: [], counterpartyContactIds: [] });
  const [gone, kept] = [await create('Szkic do usunięcia'), await create('Umowa podpisana na B')];
  await both();
  // B signs the second offline (as signing records it), A deletes both drafts.
  const signed = (await b.ok('stages.list', {})).find((s) => s.key === 'signed')!;
  await b.context.db.updateTable('documents').set({ stage_id: signed.id }).where('id', '=', kept.id).execute();
  for (const d of [gone, kept]) await a.ok('documents.delete', { id: d.id, version: d.version });
  await sync(a);
  const pulled = await sync(b);

  const missing = await b.call('documents.get', { id: gone.id });
  expect(!missing.ok && missing.error.code).toBe('NOT_FOUND');
  expect((await b.ok('documents.get', { id: kept.id })).title).toBe('Umowa podpisana na B');
  expect(pulled.conflicts).toBe(1);
  const conflicts = await b.context.db.selectFrom('sync_conflicts').select(['entity_id', 'reason']).execute();
  expect(conflicts).toEqual([{ entity_id: kept.id, reason: 'documentNotDeletable' }]);
  expect((await b.ok('documents.list', {})).items.map((d) => d.id)).toEqual([kept.id]);
});

import { afterAll, beforeAll, expect, it } from 'vitest';
import { levelsOf, permissionActionNames, type AccessLevel, type PermissionAction } from '../../src-shared/permissions/actions';
import { reaches, type Owned } from '../../src-shared/permissions/policy';
import { builtinRoleId, builtinRoles, defaultRoleLevels, type RoleLevels } from '../../src-shared/permissions/roles';
import { encodeStamp } from '../../src-shared/sync/hlc';
import type { SyncValue } from '../../src-shared/sync/merge';
import type { FieldChange, SyncEntity } from '../../src-shared/sync/protocol';
import { tempDir } from '../../src-main/test-support/temp-services';
import { accountById, createAccount, type AccountRow } from '../accounts/accounts';
import { builtinAdministratorId } from '../accounts/builtin-administrator';
import { openServerStore, type ServerStore } from '../store/open-server-store';
import { acceptPush, readPull, type Pusher } from '../sync/sync-exchange';
import { testDatabaseUrl } from '../test-support/postgres';

/*
 * The server's side of access permissions on the sync API (issue 8), table-driven: for every action at every level it
 * can have, an account holding only that, and for every built-in role, an account holding only it — each probes
 * everything sync can do (see its documents in a pull, create, edit, delete and move them, see, edit and delete
 * contacts, manage templates, stages and permissions) on a document of its own, one of its department and one of
 * another, and each probe must pass exactly when the level reaches. Actions sync has no change for (sending, signing,
 * cancelling, exporting, importing, automation, settings) must grant nothing here; their routes are checked by the
 * authorization step of the API. On SQLite, and on PostgreSQL with SIGNET_TEST_DATABASE=postgres.
 */
let store: ServerStore;
let admin: Pusher;
let clock = 0;
const stamp = () => encodeStamp({ wall: 1_800_000_000_000 + ++clock, counter: 0, node: 'test' });
const field = (entity: SyncEntity, id: string, name: string, value: SyncValue): FieldChange => ({ entity, id, field: name, value, stamp: stamp() });
const at = () => new Date().toISOString();

beforeAll(async () => {
  const dir = tempDir('signet-matrix-');
  store = await openServerStore(dir, { databaseUrl: await testDatabaseUrl(dir) });
  admin = { deviceId: 'admin-laptop', account: (await accountById(store.db, await builtinAdministratorId(store.db)))! };
});
afterAll(async () => store.close());

const none = Object.fromEntries(permissionActionNames.map((a) => [a, 'none'])) as RoleLevels;

// `colleague`: a document without a department, whose owner works in the account's: the department's, as on the desktop.
type Where = 'own' | 'department' | 'colleague' | 'other';
const places: Where[] = ['own', 'department', 'colleague', 'other'];

interface Case {
  label: string;
  levels: RoleLevels;
  /** A built-in role's id (held as it is), or a custom role made for the case. */
  builtin?: string;
}

const cases: Case[] = [
  ...permissionActionNames.flatMap((action) => levelsOf(action).map((level) => ({ label: `${action} = ${level}`, levels: { ...none, [action]: level } }))),
  ...builtinRoles.map((role) => ({ label: `built-in ${role}`, levels: defaultRoleLevels[role], builtin: builtinRoleId(role) })),
];

let n = 0;
/** An account holding only the case's role, its department, and a document in each place and a contact, pushed by the administrator. */
async function world(c: Case) {
  const i = ++n;
  const department = `Dział ${i}`;
  const account: AccountRow = await createAccount(store.db, { name: `Pracownik ${i}`, email: `p${i}@zaklady.pl`, department, language: 'pl', isSigner: false, isAdmin: false }, new Date());
  const roleId = c.builtin ?? `custom-${i}`;
  const owned: Record<Where, Owned> = { own: { ownerId: account.id, department: null }, department: { ownerId: `someone-${i}`, department }, colleague: { ownerId: `colleague-${i}`, department: null }, other: { ownerId: `someone-${i}`, department: 'Inny dział' } };
  const doc = (w: Where) => `doc-${i}-${w}`;
  const setup: FieldChange[] = [
    ...(c.builtin ? [] : [field('role', roleId, 'name', `Rola ${i}`), field('role', roleId, 'levels', JSON.stringify(c.levels)), field('role', roleId, 'stage_moves', '{}')]),
    field('role_assignment', `user|${roleId}|${account.id}`, 'subject_kind', 'user'),
    ...places.flatMap((w) => [field('document', doc(w), 'title', `Umowa ${w}`), field('document', doc(w), 'owner_id', owned[w].ownerId), field('document', doc(w), 'department', owned[w].department), field('document', doc(w), 'stage', 'key:draft')]),
    field('contact', `contact-${i}`, 'last_name', 'Kowalski'),
    field('user', `colleague-${i}`, 'department', department),
  ];
  const answer = await acceptPush(store.db, admin, { fields: setup, events: [] }, at());
  expect(answer.refused).toEqual([]);
  const me: Pusher = { deviceId: `laptop-${i}`, account };
  const accepted = async (...changes: FieldChange[]) => (await acceptPush(store.db, me, { fields: changes, events: [] }, at())).refused.length === 0;
  return { i, account, me, owned, doc, accepted };
}

it.each(cases)('$label: every sync change passes exactly where the level reaches', async (c) => {
  const w = await world(c);
  const level = (action: PermissionAction): AccessLevel => c.levels[action];
  const effective = (place: Where): Owned => (place === 'colleague' ? { ...w.owned[place], department: `Dział ${w.i}` } : w.owned[place]);
  const expectOn = (action: PermissionAction, place: Where) => reaches(level(action), { userId: w.account.id, department: `Dział ${w.i}` }, effective(place));
  const outcome: Record<string, boolean> = {};
  const expected: Record<string, boolean> = {};

  // documents.view: what a pull from the start carries.
  const pulled = new Set((await readPull(store.db, w.account, 0)).entries.map((e) => (e.kind === 'field' ? `${e.change.entity}/${e.change.id}` : `event/${e.change.documentId}`)));
  for (const p of places) {
    outcome[`view ${p}`] = pulled.has(`document/${w.doc(p)}`);
    expected[`view ${p}`] = expectOn('documents.view', p);
  }
  outcome['contacts.view'] = pulled.has(`contact/contact-${w.i}`);
  expected['contacts.view'] = level('contacts.view') === 'all';

  outcome['create'] = await w.accepted(field('document', `new-${w.i}`, 'title', 'Nowa'), field('document', `new-${w.i}`, 'owner_id', w.account.id));
  expected['create'] = level('documents.create') === 'all';
  for (const p of places) {
    outcome[`edit ${p}`] = await w.accepted(field('document', w.doc(p), 'title', `Zmieniona ${p}`));
    expected[`edit ${p}`] = expectOn('documents.edit', p);
    outcome[`move ${p}`] = await w.accepted(field('document', w.doc(p), 'stage', 'key:waitingCompany'));
    expected[`move ${p}`] = expectOn('documents.move', p);
    outcome[`delete ${p}`] = await w.accepted(field('document', w.doc(p), 'deleted', true));
    expected[`delete ${p}`] = expectOn('documents.delete', p);
  }
  outcome['contacts.edit'] = await w.accepted(field('contact', `contact-${w.i}`, 'city', 'Łódź'));
  expected['contacts.edit'] = level('contacts.edit') === 'all';
  outcome['contacts.delete'] = await w.accepted(field('contact', `contact-${w.i}`, 'deleted', true));
  expected['contacts.delete'] = level('contacts.delete') === 'all';
  outcome['templates.manage'] = await w.accepted(field('template', `template-${w.i}`, 'name', `Szablon ${w.i}`));
  expected['templates.manage'] = level('templates.manage') === 'all';
  outcome['stages.manage'] = await w.accepted(field('stage', 'key:draft', 'name', `Szkic ${w.i}`));
  expected['stages.manage'] = level('stages.manage') === 'all';
  outcome['permissions.manage'] = await w.accepted(field('role', builtinRoleId('viewer'), 'name', `Podgląd ${w.i}`));
  expected['permissions.manage'] = level('permissions.manage') === 'all';

  expect(outcome).toEqual(expected);
});

it('a per-stage level decides moves into that stage, the role level every other', async () => {
  const c: Case = { label: 'stage', levels: { ...none, 'documents.move': 'none' } };
  const w = await world(c);
  await acceptPush(store.db, admin, { fields: [field('role', `custom-${w.i}`, 'stage_moves', JSON.stringify({ 'key:signed': 'own' }))], events: [] }, at());
  expect(await w.accepted(field('document', w.doc('own'), 'stage', 'key:signed'))).toBe(true);
  expect(await w.accepted(field('document', w.doc('department'), 'stage', 'key:signed'))).toBe(false);
  expect(await w.accepted(field('document', w.doc('own'), 'stage', 'key:archived'))).toBe(false);
});

it("a permission manager's grant holds for the rest of the same push: given delete, then deleted offline", async () => {
  const w = await world({ label: 'manager', levels: { ...none, 'permissions.manage': 'all' } });
  const answer = await acceptPush(
    store.db,
    w.me,
    { fields: [field('role', `custom-${w.i}`, 'levels', JSON.stringify({ ...none, 'permissions.manage': 'all', 'documents.delete': 'all' })), field('document', w.doc('other'), 'deleted', true)], events: [] },
    at(),
  );
  expect(answer.refused).toEqual([]);
  // Without the grant first, the same deletion is refused.
  const v = await world({ label: 'manager', levels: { ...none, 'permissions.manage': 'all' } });
  expect(await v.accepted(field('document', v.doc('other'), 'deleted', true))).toBe(false);
});

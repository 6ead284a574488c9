import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallName } from '../../../src-shared/contract/calls';
import type { CallInput } from '../../../src-shared/contract/types';
import { levelsOf, permissionActionNames, type AccessLevel, type PermissionAction } from '../../../src-shared/permissions/actions';
import { callRequirements } from '../../../src-shared/permissions/call-requirements';
import { builtinRoleId, builtinRoles, defaultRoleLevels, type RoleLevels } from '../../../src-shared/permissions/roles';
import { base64, resourcesDir, startTestApp, type TestApp } from '../../test-support/temp-services';

/*
 * Every action × every access level it can have, through the real dispatcher (schema, the authorization step, the
 * service), on a real store: a probe employee holds one custom role that grants only the action under test, at that
 * level, and asks for it on three documents — their own, a colleague's in their department, one of another
 * department. Then every built-in role × every action, against the levels it is documented with. A call the step lets
 * through may still be refused by its service (a version that is not the document's, a record that does not exist):
 * what is asserted is whether access permissions refused it.
 */

let app: TestApp;
let admin: string;
const people: Record<'probe' | 'colleague' | 'outsider', string> = { probe: '', colleague: '', outsider: '' };
const docs: Record<'own' | 'department' | 'other', string> = { own: '', department: '', other: '' };
let firstStage = '';
const probeRole = 'probe-role';
const none = Object.fromEntries(permissionActionNames.map((a) => [a, 'none'])) as RoleLevels;

beforeAll(async () => {
  app = await startTestApp();
  admin = (await app.ok('setup.complete', { company: { name: 'Zakłady Łódzkie Sp. z o.o.' }, userName: 'Anna Nowak' })).user.id;
  const sha = (await app.ok('pdf.import', { data: base64(fs.readFileSync(path.join(resourcesDir, 'samples', 'nda-pl.pdf'))) })).sha256;
  for (const [key, name, department] of [['probe', 'Piotr Próba', 'Kadry'], ['colleague', 'Jan Kowal', 'Kadry'], ['outsider', 'Olga Sprzedaż', 'Sprzedaż']] as const) {
    people[key] = (await app.ok('users.add', { name, isAdmin: false, isSigner: false })).id;
    await app.ok('permissions.assignUser', { userId: people[key], roleIds: [], department });
  }
  await app.ok('permissions.saveRole', { name: 'Probe', levels: none, stageMoves: {} }).then((role) => app.context.db.updateTable('roles').set({ id: probeRole }).where('id', '=', role.id).execute());
  await app.ok('permissions.assignUser', { userId: people.probe, roleIds: [probeRole], department: 'Kadry' });
  for (const [key, owner] of [['own', people.probe], ['department', people.colleague], ['other', people.outsider]] as const) {
    const doc = await app.ok('documents.create', { fileSha256: sha, originalName: 'nda.pdf', title: `Umowa ${key}` });
    await app.context.db.updateTable('documents').set({ owner_id: owner }).where('id', '=', doc.id).execute();
    docs[key] = doc.id;
  }
  firstStage = (await app.ok('stages.list', {}))[1]!.id;
});
afterAll(async () => {
  await app.close();
});

/** A call that needs `action` (on `doc` where it is a document action), input the schema accepts. */
function callFor(action: PermissionAction, doc: string): { name: CallName; input: unknown } {
  const never = 999_999;
  const inputs: Record<PermissionAction, { name: CallName; input: unknown } | null> = {
    'documents.view': { name: 'documents.get', input: { id: doc } },
    'documents.create': { name: 'templates.startDraft', input: { id: randomUUID(), title: 'Z szablonu' } },
    'documents.edit': { name: 'documents.update', input: { id: doc, version: never, title: 'Zmieniony' } },
    'documents.delete': { name: 'documents.delete', input: { id: doc, version: never } },
    'documents.send': { name: 'signing.send', input: { id: doc, version: never, channels: {} } },
    'documents.signForCompany': { name: 'signing.sign', input: { documentId: doc, method: 'typed', image: 'iVBORw0KGgo=', consent: true, values: {} } },
    'documents.cancelResend': { name: 'signing.remind', input: { id: doc } },
    'documents.move': { name: 'documents.move', input: { id: doc, stageId: firstStage, version: never } },
    'documents.export': { name: 'documents.exportCsv', input: { filter: {}, language: 'pl' } },
    'contacts.view': { name: 'contacts.get', input: { id: randomUUID() } },
    'contacts.edit': { name: 'contacts.setArchived', input: { id: randomUUID(), archived: true } },
    'contacts.delete': { name: 'contacts.delete', input: { id: randomUUID() } },
    'contacts.import': { name: 'contacts.importPreview', input: { data: base64(Buffer.from('Imię;Nazwisko\nJan;Nowak\n')) } },
    'templates.manage': { name: 'templates.delete', input: { id: randomUUID() } },
    'automation.manage': { name: 'automation.deleteRule', input: { id: randomUUID() } },
    'stages.manage': { name: 'stages.update', input: { id: randomUUID(), name: 'Nowy' } },
    'settings.manage': { name: 'mail.settings.get', input: {} },
    'permissions.manage': { name: 'permissions.history', input: {} },
  };
  const call = inputs[action];
  if (!call) throw new Error(`no call for ${action}`);
  expect(callRequirements[call.name], call.name).toMatchObject({ action });
  return call;
}

async function refusedByPermissions(call: { name: CallName; input: unknown }): Promise<boolean> {
  const result = await app.call(call.name, call.input as CallInput<typeof call.name>);
  if (!result.ok && result.error.code === 'FORBIDDEN' && result.error.messageKey === 'permissions.forbidden') return true;
  // An input the schema refuses never reaches the step: the probe's inputs must be well-formed to prove anything.
  if (!result.ok) expect([result.error.messageKey, result.error.details], `${call.name}: refused before the step`).not.toEqual(['errors.validation', expect.anything()]);
  if (!result.ok) expect(result.error.messageKey, `${call.name}: refused for another reason than permissions`).not.toMatch(/^permissions\./);
  return false;
}

/** What each level must reach: own only its own, department also the colleague's, all every document. */
const reachedAt: Record<AccessLevel, (keyof typeof docs)[]> = { none: [], own: ['own'], department: ['own', 'department'], all: ['own', 'department', 'other'] };

async function asProbe<T>(levels: RoleLevels, stageMoves: Record<string, AccessLevel>, run: () => Promise<T>): Promise<T> {
  await app.ok('permissions.saveRole', { id: probeRole, name: 'Probe', levels, stageMoves });
  await app.ok('users.switch', { id: people.probe });
  try {
    return await run();
  } finally {
    await app.ok('users.switch', { id: admin });
  }
}

const cases = permissionActionNames.flatMap((action) => levelsOf(action).map((level) => [action, level] as const));

describe('every action at every level, for an employee holding only that', () => {
  it.each(cases)('%s at %s', async (action, level) => {
    const scoped = !['documents.create', 'documents.export'].includes(action) && levelsOf(action).length === 4;
    await asProbe({ ...none, [action]: level }, {}, async () => {
      if (scoped) {
        for (const key of Object.keys(docs) as (keyof typeof docs)[]) {
          expect(await refusedByPermissions(callFor(action, docs[key])), `${action} at ${level} on the ${key} document`).toBe(!reachedAt[level].includes(key));
        }
      } else {
        expect(await refusedByPermissions(callFor(action, docs.own))).toBe(level === 'none');
      }
    });
  });

  it('lists, counts and exports only the documents the level reaches', async () => {
    for (const level of ['own', 'department', 'all'] as const) {
      const seen = await asProbe({ ...none, 'documents.view': level, 'documents.export': 'all' }, {}, async () => {
        const list = await app.ok('documents.list', { filter: {} });
        const board = await app.ok('board.get', { filter: {} });
        const csv = (await app.ok('documents.exportCsv', { filter: {}, language: 'pl' })).csv;
        expect(board.columns.reduce((n, c) => n + c.count, 0)).toBe(list.total);
        expect(board.columns.flatMap((c) => c.cards.map((d) => d.id)).sort()).toEqual(list.items.map((d) => d.id).sort());
        for (const d of list.items) expect(csv).toContain(d.title);
        expect(csv.split('\n').filter((line) => line.includes('Umowa ')).length).toBe(list.total);
        // A search too keeps to them.
        expect((await app.ok('documents.list', { filter: { query: 'Umowa' } })).total).toBe(list.total);
        return list.items.map((d) => d.title).sort();
      });
      expect(seen).toEqual(reachedAt[level].map((key) => `Umowa ${key}`).sort());
    }
    // Export at a narrower level than viewing: the CSV holds what both reach.
    const csv = await asProbe({ ...none, 'documents.view': 'all', 'documents.export': 'own' }, {}, async () => (await app.ok('documents.exportCsv', { filter: {}, language: 'pl' })).csv);
    expect(csv).toContain('Umowa own');
    expect(csv).not.toContain('Umowa department');
  });

  it('moves per stage: a stage’s own level overrides the role’s', async () => {
    const stages = await app.ok('stages.list', {});
    const [draft, second] = [stages[0]!.id, stages[1]!.id];
    await asProbe({ ...none, 'documents.move': 'all' }, { [second]: 'none' }, async () => {
      // What the renderer is told, to offer only the moves the services allow.
      const info = await app.ok('app.info', {});
      expect([info.grants['documents.move'], info.stageMoves]).toEqual(['all', { [second]: 'none' }]);
      expect(await refusedByPermissions({ name: 'documents.move', input: { id: docs.own, stageId: second, version: 999_999 } })).toBe(true);
      expect(await refusedByPermissions({ name: 'documents.move', input: { id: docs.own, stageId: draft, version: 999_999 } })).toBe(false);
    });
    await asProbe({ ...none, 'documents.move': 'none' }, { [second]: 'own' }, async () => {
      expect(await refusedByPermissions({ name: 'documents.move', input: { id: docs.own, stageId: second, version: 999_999 } })).toBe(false);
      expect(await refusedByPermissions({ name: 'documents.move', input: { id: docs.department, stageId: second, version: 999_999 } })).toBe(true);
    });
  });

  it('guards every automation call by automation.manage (issue 9)', () => {
    const automation = Object.entries(callRequirements).filter(([name]) => name.startsWith('automation.'));
    expect(automation.length).toBeGreaterThan(0);
    for (const [name, requirement] of automation) expect(requirement, name).toMatchObject({ kind: 'company', action: 'automation.manage' });
  });
});

describe('every built-in role × every action', () => {
  it.each(builtinRoles.flatMap((role) => permissionActionNames.map((action) => [role, action] as const)))('%s: %s', async (role, action) => {
    await app.ok('permissions.assignUser', { userId: people.probe, roleIds: [builtinRoleId(role)], department: 'Kadry' });
    await app.ok('users.switch', { id: people.probe });
    try {
      const level = defaultRoleLevels[role][action];
      const scoped = levelsOf(action).length === 4 && !['documents.create', 'documents.export'].includes(action);
      if (scoped) for (const key of Object.keys(docs) as (keyof typeof docs)[]) expect(await refusedByPermissions(callFor(action, docs[key])), key).toBe(!reachedAt[level].includes(key));
      else expect(await refusedByPermissions(callFor(action, docs.own))).toBe(level === 'none');
    } finally {
      await app.ok('users.switch', { id: admin });
      await app.ok('permissions.assignUser', { userId: people.probe, roleIds: [probeRole], department: 'Kadry' });
    }
  });
});

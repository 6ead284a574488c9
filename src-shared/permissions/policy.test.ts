import { describe, expect, it } from 'vitest';
import { accessLevels, levelsOf, permissionActionNames, type AccessLevel } from './actions';
import { callRequirements } from './call-requirements';
import { callNames } from '../contract/calls';
import { can, documentScope, grantsOf, levelOf, permissionManagers, reaches, stageMoveGrantsOf, type Owned, type Policy, type Subject } from './policy';
import { builtinRoleId, clampTo, defaultRoleLevels, defaultRoles, roleInputSchema, type Role } from './roles';

const anna: Subject = { userId: 'anna', department: 'Kadry' };
const olga: Subject = { userId: 'olga', department: 'Sprzedaż' };
const nobody: Subject = { userId: 'nobody', department: null };
const annasDoc: Owned = { ownerId: 'anna', department: 'Kadry' };
const jansDoc = { ownerId: 'jan', department: 'Kadry' };
const olgasDoc = { ownerId: 'olga', department: 'Sprzedaż' };

const role = (id: string, levels: Partial<Role['levels']>, stageMoves: Role['stageMoves'] = {}): Role => ({
  id,
  name: id,
  builtin: null,
  levels: { ...defaultRoleLevels.viewer, 'documents.view': 'none', 'contacts.view': 'none', ...levels },
  stageMoves,
});

describe('an access level reaching a document', () => {
  // Who asks × whose document → reached, for each level.
  const cases: [AccessLevel, Subject, typeof annasDoc, boolean][] = [
    ['none', anna, annasDoc, false],
    ['own', anna, annasDoc, true],
    ['own', anna, jansDoc, false],
    ['department', anna, jansDoc, true],
    ['department', anna, olgasDoc, false],
    ['department', nobody, { ownerId: 'x', department: null }, false],
    ['department', nobody, { ownerId: 'nobody', department: null }, true],
    ['all', anna, olgasDoc, true],
  ];
  it.each(cases)('%s: %o on %o → %s', (level, subject, owned, expected) => {
    expect(reaches(level, subject, owned)).toBe(expected);
  });
});

describe('roles adding up', () => {
  const policy: Policy = {
    roles: [role('reader', { 'documents.view': 'own' }), role('kadry', { 'documents.view': 'department', 'documents.move': 'own' }, { signed: 'none', archive: 'all' })],
    users: { anna: ['reader'] },
    departments: { Kadry: ['kadry'] },
  };

  it('takes the highest level of the employee’s roles and those of their department', () => {
    expect(levelOf(policy, anna, 'documents.view')).toBe('department');
    expect(levelOf(policy, olga, 'documents.view')).toBe('none');
    expect(can(policy, anna, 'documents.view', { owned: jansDoc })).toBe(true);
    expect(can(policy, anna, 'documents.view', { owned: olgasDoc })).toBe(false);
  });

  it('moves per stage: a stage’s own level, else the role’s', () => {
    expect(can(policy, anna, 'documents.move', { owned: annasDoc, stageId: 'draft' })).toBe(true);
    expect(can(policy, anna, 'documents.move', { owned: annasDoc, stageId: 'signed' })).toBe(false);
    expect(can(policy, anna, 'documents.move', { owned: olgasDoc, stageId: 'archive' })).toBe(true);
  });

  it('tells the renderer the stages whose move level differs from the overall one, after the roles add up', () => {
    expect(stageMoveGrantsOf(policy, anna)).toEqual({ signed: 'none', archive: 'all' });
    expect(stageMoveGrantsOf(policy, olga)).toEqual({});
  });

  it('answers a list with the scope its query must keep to', () => {
    expect(documentScope(policy, anna)).toEqual({ kind: 'department', userId: 'anna', department: 'Kadry' });
    expect(documentScope(policy, olga)).toEqual({ kind: 'none' });
    expect(documentScope({ ...policy, users: { olga: [builtinRoleId('administrator')] }, roles: defaultRoles() }, olga)).toEqual({ kind: 'all' });
  });
});

describe('the default roles', () => {
  const policy: Policy = { roles: defaultRoles(), users: { a: [builtinRoleId('administrator')], d: [builtinRoleId('director')], m: [builtinRoleId('manager')], e: [builtinRoleId('employee')], v: [builtinRoleId('viewer')] }, departments: {} };
  const as = (userId: string): Subject => ({ userId, department: 'Kadry' });

  it('give the administrator everything and only the administrator the permissions', () => {
    expect(Object.values(grantsOf(policy, as('a'))).every((level) => level === 'all')).toBe(true);
    expect(permissionManagers(policy, ['a', 'd', 'm', 'e', 'v', 'x'].map(as)).map((s) => s.userId)).toEqual(['a']);
  });

  it('let the director sign for the company, the viewer change nothing', () => {
    expect(levelOf(policy, as('d'), 'documents.signForCompany')).toBe('all');
    expect(levelOf(policy, as('m'), 'documents.signForCompany')).toBe('none');
    const viewer = grantsOf(policy, as('v'));
    expect(Object.entries(viewer).filter(([, level]) => level !== 'none')).toEqual([
      ['documents.view', 'all'],
      ['contacts.view', 'all'],
    ]);
  });

  it('give each action only a level it can have', () => {
    for (const r of defaultRoles()) for (const action of permissionActionNames) expect(levelsOf(action)).toContain(r.levels[action]);
    expect(clampTo('contacts.edit', 'own')).toBe('all');
    expect(clampTo('documents.edit', 'own')).toBe('own');
  });
});

describe('a role as a form sends it', () => {
  it('needs every action at a level that action can have', () => {
    const ok = roleInputSchema.safeParse({ name: 'Księgowość', levels: defaultRoleLevels.employee });
    expect(ok.success).toBe(true);
    const companyOwn = roleInputSchema.safeParse({ name: 'X', levels: { ...defaultRoleLevels.employee, 'settings.manage': 'own' } });
    expect(companyOwn.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([['levels.settings.manage', 'permissions.levelNotForAction']]);
    const missing = roleInputSchema.safeParse({ name: 'X', levels: { 'documents.view': 'all' } });
    expect(missing.success).toBe(false);
    for (const level of accessLevels) expect(roleInputSchema.safeParse({ name: 'X', levels: defaultRoleLevels.viewer, stageMoves: { s1: level } }).success).toBe(true);
  });
});

describe('the call requirements', () => {
  it('name every call of the contract, each with an action that exists', () => {
    expect(Object.keys(callRequirements).sort()).toEqual([...callNames].sort());
    for (const [name, requirement] of Object.entries(callRequirements)) {
      if (requirement.kind !== 'anyone') expect(permissionActionNames, name).toContain(requirement.action);
    }
  });
});

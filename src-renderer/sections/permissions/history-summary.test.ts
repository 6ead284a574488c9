import { createInstance, type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import en from '../../../src-shared/i18n/locales/en.json';
import type { Stage } from '../../../src-shared/documents/stages';
import type { PermissionChange } from '../../../src-shared/permissions/permission-calls';
import { builtinRoleId, defaultRoles } from '../../../src-shared/permissions/roles';
import { changeLines, changeSubject } from './history-summary';

let t: TFunction;
beforeAll(async () => {
  const i18n = createInstance();
  await i18n.init({ lng: 'en', resources: { en: { translation: en } }, interpolation: { escapeValue: false } });
  t = i18n.t;
});

const roles = defaultRoles();
const employee = roles.find((r) => r.builtin === 'employee')!;
const stages: Stage[] = [{ id: 'st-legal', name: 'Legal review', color: '#000000', position: 1500, phase: 'draft' }];
const change = (kind: PermissionChange['kind'], before: unknown, after: unknown): PermissionChange => ({ id: 'c1', at: '2026-12-02T10:00:00.000Z', actorId: 'u1', actorName: 'Anna', kind, subject: 'x', before, after });

describe('changeLines', () => {
  it('lists only the cells of a role that changed, with both levels', () => {
    const after = { ...employee, levels: { ...employee.levels, 'documents.delete': 'all' }, stageMoves: { 'st-legal': 'none' } };
    expect(changeLines(change('roleSaved', employee, after), { t, roles, stages })).toEqual(['Delete documents: Own → All', 'Move into “Legal review”: as “Move between stages” → None']);
  });

  it('names a new role and the rights it starts with, not the ones it lacks', () => {
    const viewer = roles.find((r) => r.builtin === 'viewer')!;
    expect(changeLines(change('roleSaved', null, { ...viewer, name: 'Auditor' }), { t, roles, stages })).toEqual(['Role created', 'View documents: None → All', 'View contacts: None → All']);
  });

  it('shows roles and department before and after an assignment by name', () => {
    const lines = changeLines(change('userAssigned', { department: null, roleIds: [builtinRoleId('employee')] }, { department: 'Sales', roleIds: [builtinRoleId('director'), builtinRoleId('employee')] }), { t, roles, stages });
    expect(lines).toEqual(['Roles: Employee → Director, Employee', 'Department: no department → Sales']);
  });

  it('counts who lost a deleted role and survives values it does not know', () => {
    expect(changeLines(change('roleDeleted', { role: employee, holders: [{ subject_kind: 'user', subject: 'u2' }, { subject_kind: 'department', subject: 'Sales' }] }, null), { t, roles, stages })).toEqual(['2 holders lost it']);
    expect(changeLines(change('roleSaved', 'garbage', { levels: 42 }), { t, roles, stages })).toEqual(['Role created']);
    expect(changeLines(change('departmentAssigned', null, { roleIds: ['role:gone'] }), { t, roles, stages })).toEqual(['Roles: no roles → role:gone']);
  });

  it('names a role by its name now, a built-in one translated', () => {
    expect(changeSubject(change('roleSaved', null, employee), t)).toBe('Employee');
    expect(changeSubject(change('roleDeleted', { role: { ...employee, builtin: null, name: 'Auditors' } }, null), t)).toBe('Auditors');
    expect(changeSubject({ ...change('userAssigned', null, null), subject: 'Ewa' }, t)).toBe('Ewa');
  });
});

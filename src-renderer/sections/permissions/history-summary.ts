import type { TFunction } from 'i18next';
import type { Stage } from '../../../src-shared/documents/stages';
import { accessLevels, permissionActionNames, type AccessLevel } from '../../../src-shared/permissions/actions';
import type { PermissionChange } from '../../../src-shared/permissions/permission-calls';
import { builtinRoles, type BuiltinRole, type Role } from '../../../src-shared/permissions/roles';
import { stageName } from '../board/format';
import { actionLabel, levelLabel, roleName, roleNames } from './permission-labels';

/*
 * One audited change of permissions in words: what it was before and what it became, cell by cell for a role's
 * matrix. The audit keeps raw JSON (a history outlives the code that wrote it), so every value is read defensively.
 */

type Json = Record<string, unknown>;

const record = (value: unknown): Json | null => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : null);
const level = (value: unknown): AccessLevel | null => ((accessLevels as readonly unknown[]).includes(value) ? (value as AccessLevel) : null);
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

interface Context {
  t: TFunction;
  roles: readonly Role[];
  stages: readonly Stage[];
}

/** Whom the change was about: a role by the name it has now (a built-in role's translated), else as recorded. */
export function changeSubject(change: PermissionChange, t: TFunction): string {
  const role = change.kind === 'roleSaved' ? record(change.after) : change.kind === 'roleDeleted' ? record(record(change.before)?.role) : null;
  if (!role || typeof role.id !== 'string') return change.subject;
  const builtin = (builtinRoles as readonly unknown[]).includes(role.builtin) ? (role.builtin as BuiltinRole) : null;
  return roleName(t, { id: role.id, name: text(role.name), builtin });
}

export function changeLines(change: PermissionChange, context: Context): string[] {
  switch (change.kind) {
    case 'roleSaved':
      return roleLines(record(change.before), record(change.after), context);
    case 'roleDeleted':
    {
      const holders = record(change.before)?.holders;
      return [context.t('permissions.history.deleted', { count: Array.isArray(holders) ? holders.length : 0 })];
    }
    case 'userAssigned':
    case 'departmentAssigned':
      return assignmentLines(record(change.before), record(change.after), context);
  }
}

function roleLines(before: Json | null, after: Json | null, { t, stages }: Context): string[] {
  if (!after) return [];
  const lines: string[] = before ? [] : [t('permissions.history.created')];
  if (before && text(before.name) !== text(after.name)) lines.push(t('permissions.history.renamed', { before: text(before.name) ?? '—', after: text(after.name) ?? '—' }));
  const was = record(before?.levels) ?? {};
  const now = record(after.levels) ?? {};
  const shown = (value: unknown) => { const l = level(value); return l ? levelLabel(t, l) : '—'; };
  for (const action of permissionActionNames) {
    if (before && was[action] === now[action]) continue;
    if (!before && (level(now[action]) ?? 'none') === 'none') continue;
    lines.push(t('permissions.history.cell', { action: actionLabel(t, action), before: before ? shown(was[action]) : levelLabel(t, 'none'), after: shown(now[action]) }));
  }
  const movesWas = record(before?.stageMoves) ?? {};
  const movesNow = record(after.stageMoves) ?? {};
  const byId = new Map(stages.map((s) => [s.id, s]));
  const moveShown = (value: unknown) => (level(value) ? shown(value) : t('permissions.history.asMove'));
  for (const stageId of [...new Set([...Object.keys(movesWas), ...Object.keys(movesNow)])]) {
    if (movesWas[stageId] === movesNow[stageId]) continue;
    const stage = byId.get(stageId);
    lines.push(t('permissions.history.stageCell', { stage: stage ? stageName(t, stage) : stageId, before: moveShown(movesWas[stageId]), after: moveShown(movesNow[stageId]) }));
  }
  return lines;
}

function assignmentLines(before: Json | null, after: Json | null, { t, roles }: Context): string[] {
  const lines: string[] = [];
  const rolesWas = strings(before?.roleIds);
  const rolesNow = strings(after?.roleIds);
  if (rolesWas.join('\n') !== rolesNow.join('\n')) lines.push(t('permissions.history.roles', { before: roleNames(t, roles, rolesWas), after: roleNames(t, roles, rolesNow) }));
  if (after && 'department' in after && text(before?.department) !== text(after.department)) {
    lines.push(t('permissions.history.department', { before: text(before?.department) ?? t('permissions.section.noDepartment'), after: text(after.department) ?? t('permissions.section.noDepartment') }));
  }
  return lines;
}

import { permissionActionNames, type AccessLevel } from './actions';
import type { Policy } from './policy';
import { builtinRoleId, builtinRoles, clampTo, defaultRoleLevels, type BuiltinRole, type Role, type RoleLevels } from './roles';

/*
 * Roles and who holds them as they are stored and synced (issue 8), one reading for the desktop's tables, the sync
 * records and the server's kept entries, so a matrix means the same on every side. A role's matrix and its per-stage
 * moves are JSON text; a holding is its own record (`role_assignment`), so two laptops giving one employee two
 * different roles merge as two holdings rather than one list overwriting the other.
 */

/** A role as its table row or its synced fields hold it. */
export interface StoredRole {
  id: string;
  name: string | null;
  builtin: string | null;
  levels: string;
  stage_moves: string;
}

/**
 * A stored role read back. A matrix written before an action existed (an older desktop, a synced row) reads that
 * action as the built-in role's default, or `none` for a custom role: a new right is never granted by omission.
 */
export function roleFromStored(row: StoredRole): Role {
  const builtin = (builtinRoles as readonly string[]).includes(row.builtin ?? '') ? (row.builtin as BuiltinRole) : null;
  const stored = parseObject(row.levels);
  const levels = Object.fromEntries(
    permissionActionNames.map((action) => {
      const value = stored[action];
      const level = typeof value === 'string' ? clampTo(action, value as AccessLevel) : builtin ? defaultRoleLevels[builtin][action] : 'none';
      return [action, level];
    }),
  ) as RoleLevels;
  const stageMoves = Object.fromEntries(Object.entries(parseObject(row.stage_moves)).filter(([, level]) => typeof level === 'string')) as Record<string, AccessLevel>;
  return { id: row.id, name: row.name, builtin, levels, stageMoves };
}

/**
 * The role a new employee starts with, from what is known of them: an administrator the Administrator role, a signer
 * the Director's (who signs for the company), anyone else the Employee's — the same on a desktop (a new employee,
 * migration 019) and on the server (an account no holding was ever synced for).
 */
export function startingRole(flags: { isAdmin: boolean; isSigner: boolean }): string {
  return builtinRoleId(flags.isAdmin ? 'administrator' : flags.isSigner ? 'director' : 'employee');
}

/** A built-in role as every store starts with it (what the server assumes before any desktop pushed it). */
export function defaultStoredRole(builtin: BuiltinRole): StoredRole {
  return { id: builtinRoleId(builtin), name: null, builtin, levels: JSON.stringify(defaultRoleLevels[builtin]), stage_moves: '{}' };
}

function parseObject(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export type HolderKind = 'user' | 'department';

/** One role held by an employee or by a department. */
export interface Holding {
  kind: HolderKind;
  /** The employee's id, or the department's name. */
  subject: string;
  roleId: string;
}

/** A holding's sync id: kind and role first, the subject last (a department's name may hold any character). */
export function holdingId(h: Holding): string {
  return `${h.kind}|${h.roleId}|${h.subject}`;
}

export function holdingOfId(id: string): Holding | null {
  const first = id.indexOf('|');
  const second = first < 0 ? -1 : id.indexOf('|', first + 1);
  if (second < 0) return null;
  const kind = id.slice(0, first);
  if (kind !== 'user' && kind !== 'department') return null;
  const roleId = id.slice(first + 1, second);
  const subject = id.slice(second + 1);
  return roleId && subject ? { kind, roleId, subject } : null;
}

/** The policy of a set of roles and holdings (a holding of a role not among them gives nothing). */
export function policyOf(roles: readonly Role[], holdings: readonly Holding[]): Policy {
  const users: Record<string, string[]> = {};
  const departments: Record<string, string[]> = {};
  const known = new Set(roles.map((r) => r.id));
  for (const h of [...holdings].sort((a, b) => a.subject.localeCompare(b.subject) || a.roleId.localeCompare(b.roleId))) {
    if (!known.has(h.roleId)) continue;
    const holders = h.kind === 'user' ? users : departments;
    (holders[h.subject] ??= []).push(h.roleId);
  }
  return { roles: sortRoles([...roles]), users, departments };
}

/** Built-in roles first, in their order (Administrator … Viewer), then custom roles by name. */
function sortRoles(roles: Role[]): Role[] {
  const rank = (role: Role) => (role.builtin ? builtinRoles.indexOf(role.builtin) : builtinRoles.length);
  return roles.sort((a, b) => rank(a) - rank(b) || (a.name ?? '').localeCompare(b.name ?? ''));
}

/**
 * Whether a synced change is one of permissions: a role, a holding, or someone's department (whose roles they get).
 * The server checks it as `permissions.manage`; a desktop that pulls one may now see other documents.
 */
export function isPermissionChange(entity: string, field: string): boolean {
  return entity === 'role' || entity === 'role_assignment' || (entity === 'user' && field === 'department');
}

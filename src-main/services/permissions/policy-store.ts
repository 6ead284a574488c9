import type { Kysely, Selectable, Transaction } from 'kysely';
import type { AccessLevel } from '../../../src-shared/permissions/actions';
import type { Policy, Subject } from '../../../src-shared/permissions/policy';
import { builtinRoleId, builtinRoles, clampTo, defaultRoleLevels, type BuiltinRole, type Role, type RoleLevels } from '../../../src-shared/permissions/roles';
import { permissionActionNames } from '../../../src-shared/permissions/actions';
import type { Database, RoleTable } from '../../store/schema';
import { currentUserKey } from '../app/app-service';
import type { ServiceContext } from '../context';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * A role as stored. A matrix written before an action existed (an older desktop, a synced row) reads that action as
 * the built-in role's default, or `none` for a custom role: a new right is never granted by omission.
 */
export function roleFromRow(row: Selectable<RoleTable>): Role {
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

function parseObject(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Every role and who holds it, as the store has them now. */
export async function loadPolicy(db: Db): Promise<Policy> {
  const [roles, assignments] = await Promise.all([
    db.selectFrom('roles').selectAll().orderBy('builtin').orderBy('name').orderBy('id').execute(),
    db.selectFrom('role_assignments').selectAll().orderBy('subject').orderBy('role_id').execute(),
  ]);
  const users: Record<string, string[]> = {};
  const departments: Record<string, string[]> = {};
  for (const a of assignments) {
    const holders = a.subject_kind === 'user' ? users : departments;
    (holders[a.subject] ??= []).push(a.role_id);
  }
  return { roles: sortRoles(roles.map(roleFromRow)), users, departments };
}

/** Built-in roles first, in their order (Administrator … Viewer), then custom roles by name. */
function sortRoles(roles: Role[]): Role[] {
  const rank = (role: Role) => (role.builtin ? builtinRoles.indexOf(role.builtin) : builtinRoles.length);
  return roles.sort((a, b) => rank(a) - rank(b) || (a.name ?? '').localeCompare(b.name ?? ''));
}

/** The employee working at this install now, as permissions see them. */
export async function subjectOf(ctx: Pick<ServiceContext, 'db'>): Promise<Subject> {
  const row = await ctx.db
    .selectFrom('settings')
    .innerJoin('users', 'users.id', 'settings.value')
    .where('settings.key', '=', currentUserKey)
    .select(['users.id', 'users.department'])
    .executeTakeFirst();
  // No current user is a broken store (ensureFirstRun makes one): nobody, who may do nothing.
  return row ? { userId: row.id, department: row.department } : { userId: '', department: null };
}

/** Every employee of this install as a subject (for the rule that someone must be left to manage permissions). */
export async function everyone(db: Db): Promise<Subject[]> {
  return (await db.selectFrom('users').select(['id', 'department']).execute()).map((u) => ({ userId: u.id, department: u.department }));
}

/**
 * The role a new employee starts with, from what the form said of them: an administrator the Administrator role, a
 * signer the Director's, anyone else the Employee's (the same mapping migration 019 gave those who were there).
 */
export function startingRole(flags: { isAdmin: boolean; isSigner: boolean }): string {
  return builtinRoleId(flags.isAdmin ? 'administrator' : flags.isSigner ? 'director' : 'employee');
}

export async function giveStartingRole(trx: Transaction<Database>, userId: string, flags: { isAdmin: boolean; isSigner: boolean }): Promise<void> {
  const held = await trx.selectFrom('role_assignments').select('role_id').where('subject_kind', '=', 'user').where('subject', '=', userId).executeTakeFirst();
  if (held) return;
  await trx.insertInto('role_assignments').values({ subject_kind: 'user', subject: userId, role_id: startingRole(flags) }).onConflict((oc) => oc.doNothing()).execute();
}

import type { Transaction } from 'kysely';
import { AppError } from '../../../src-shared/contract/errors';
import { grantsOf, permissionManagers, type Policy } from '../../../src-shared/permissions/policy';
import type { PermissionChange, PermissionHistory, PermissionsView } from '../../../src-shared/permissions/permission-calls';
import type { Role } from '../../../src-shared/permissions/roles';
import type { z } from 'zod';
import type { assignDepartmentInput, assignUserInput, permissionHistoryInput, saveRoleInput } from '../../../src-shared/permissions/permission-calls';
import type { Database } from '../../store/schema';
import { currentUser } from '../app/app-service';
import { nowIso, type ServiceContext } from '../context';
import { everyone, loadPolicy, subjectOf } from './policy-store';

/*
 * The Access permissions section's services (issue 8). Every change runs in one transaction that also writes its
 * audit row (who, when, what before and after) and checks, on the permissions as they would be, that someone is still
 * left who can manage them: otherwise nobody could ever give the right back. The caller's right to manage permissions
 * is checked before any of this runs, by the one authorization step (authorize.ts).
 */

export async function getPermissions(ctx: ServiceContext): Promise<PermissionsView> {
  const [policy, subject, users] = await Promise.all([loadPolicy(ctx.db), subjectOf(ctx), ctx.db.selectFrom('users').select(['id', 'name', 'department']).orderBy('name').execute()]);
  const departmentNames = [...new Set([...users.map((u) => u.department).filter((d): d is string => d !== null), ...Object.keys(policy.departments)])].sort((a, b) => a.localeCompare(b));
  return {
    roles: [...policy.roles],
    users: users.map((u) => ({ id: u.id, name: u.name, department: u.department, roleIds: [...(policy.users[u.id] ?? [])] })),
    departments: departmentNames.map((name) => ({ name, roleIds: [...(policy.departments[name] ?? [])] })),
    grants: grantsOf(policy, subject),
  };
}

type Kind = PermissionChange['kind'];

/** Runs `change` and audits it; refused (rolled back) when it would leave nobody able to manage permissions. */
async function changePermissions(ctx: ServiceContext, kind: Kind, subject: string, change: (trx: Transaction<Database>) => Promise<{ before: unknown; after: unknown }>): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const { before, after } = await change(trx);
    await auditPermissionChange(ctx, trx, { kind, subject, before, after }, 'permissions.lastManager');
  });
  ctx.events.publish({ type: 'usersChanged' });
}

/**
 * The end of every change of permissions, inside its transaction: refused with `refusal` when nobody would be left who
 * can manage them, else written to the history and the log. Also for changes made elsewhere (an employee's
 * administrator flag, users-service.ts).
 */
export async function auditPermissionChange(ctx: ServiceContext, trx: Transaction<Database>, change: { kind: Kind; subject: string; before: unknown; after: unknown }, refusal: string): Promise<void> {
  if (permissionManagers(await loadPolicy(trx), await everyone(trx)).length === 0) {
    ctx.log.warn('permission change refused: nobody would be left to manage permissions', { kind: change.kind, subject: change.subject });
    throw new AppError('VALIDATION', refusal);
  }
  // Read in the transaction: on SQLite its one connection is the transaction's until it ends.
  const actor = await currentUser({ ...ctx, db: trx });
  await trx
    .insertInto('permission_changes')
    .values({ id: ctx.newId(), at: nowIso(ctx), actor_id: actor.id, actor_name: actor.name, kind: change.kind, subject: change.subject, before: JSON.stringify(change.before ?? null), after: JSON.stringify(change.after ?? null) })
    .execute();
  ctx.log.info('permissions changed', { kind: change.kind, subject: change.subject, by: actor.id });
}

const roleLabel = (role: Pick<Role, 'name' | 'builtin' | 'id'>) => role.name ?? role.builtin ?? role.id;
const roleOf = (policy: Policy, id: string) => policy.roles.find((r) => r.id === id);

export async function saveRole(ctx: ServiceContext, input: z.output<typeof saveRoleInput>): Promise<Role> {
  const id = input.id ?? ctx.newId();
  let saved: Role | undefined;
  const existing = input.id ? roleOf(await loadPolicy(ctx.db), input.id) : undefined;
  if (input.id && !existing) throw new AppError('NOT_FOUND', 'permissions.roleNotFound');
  // A custom role needs a name; a built-in one may keep its translated name (null).
  if (!existing?.builtin && !input.name) throw new AppError('VALIDATION', 'permissions.roleNameRequired');
  await changePermissions(ctx, 'roleSaved', input.name ?? roleLabel(existing ?? { id, name: null, builtin: null }), async (trx) => {
    const values = { name: input.name, levels: JSON.stringify(input.levels), stage_moves: JSON.stringify(input.stageMoves), updated_at: nowIso(ctx) };
    if (existing) await trx.updateTable('roles').set(values).where('id', '=', id).execute();
    else await trx.insertInto('roles').values({ id, builtin: null, ...values }).execute();
    saved = roleOf(await loadPolicy(trx), id);
    return { before: existing ?? null, after: saved };
  });
  return saved!;
}

/** A custom role goes, and with it every assignment of it; the five built-in roles stay (they can be changed). */
export async function deleteRole(ctx: ServiceContext, id: string): Promise<{ id: string }> {
  const role = roleOf(await loadPolicy(ctx.db), id);
  if (!role) throw new AppError('NOT_FOUND', 'permissions.roleNotFound');
  if (role.builtin) throw new AppError('VALIDATION', 'permissions.builtinRoleKept');
  await changePermissions(ctx, 'roleDeleted', roleLabel(role), async (trx) => {
    const holders = await trx.selectFrom('role_assignments').select(['subject_kind', 'subject']).where('role_id', '=', id).execute();
    await trx.deleteFrom('roles').where('id', '=', id).execute();
    return { before: { role, holders }, after: null };
  });
  return { id };
}

export async function assignUser(ctx: ServiceContext, input: z.output<typeof assignUserInput>): Promise<PermissionsView> {
  const user = await ctx.db.selectFrom('users').select(['id', 'name', 'department']).where('id', '=', input.userId).executeTakeFirst();
  if (!user) throw new AppError('NOT_FOUND', 'employees.notFound');
  await changePermissions(ctx, 'userAssigned', user.name, async (trx) => {
    const before = { department: user.department, roleIds: await heldBy(trx, 'user', user.id) };
    await checkRolesExist(trx, input.roleIds);
    await trx.updateTable('users').set({ department: input.department }).where('id', '=', user.id).execute();
    await replaceAssignments(trx, 'user', user.id, input.roleIds);
    return { before, after: { department: input.department, roleIds: [...new Set(input.roleIds)].sort() } };
  });
  return getPermissions(ctx);
}

export async function assignDepartment(ctx: ServiceContext, input: z.output<typeof assignDepartmentInput>): Promise<PermissionsView> {
  await changePermissions(ctx, 'departmentAssigned', input.department, async (trx) => {
    const before = { roleIds: await heldBy(trx, 'department', input.department) };
    await checkRolesExist(trx, input.roleIds);
    await replaceAssignments(trx, 'department', input.department, input.roleIds);
    return { before, after: { roleIds: [...new Set(input.roleIds)].sort() } };
  });
  return getPermissions(ctx);
}

export async function permissionHistory(ctx: ServiceContext, input: z.output<typeof permissionHistoryInput>): Promise<PermissionHistory> {
  const [rows, count] = await Promise.all([
    ctx.db.selectFrom('permission_changes').selectAll().orderBy('at', 'desc').orderBy('id', 'desc').offset(input.offset).limit(input.limit).execute(),
    ctx.db.selectFrom('permission_changes').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    total: Number(count.n),
    items: rows.map((r) => ({ id: r.id, at: r.at, actorId: r.actor_id, actorName: r.actor_name, kind: r.kind as Kind, subject: r.subject, before: JSON.parse(r.before) as unknown, after: JSON.parse(r.after) as unknown })),
  };
}

async function heldBy(trx: Transaction<Database>, kind: 'user' | 'department', subject: string): Promise<string[]> {
  return (await trx.selectFrom('role_assignments').select('role_id').where('subject_kind', '=', kind).where('subject', '=', subject).orderBy('role_id').execute()).map((r) => r.role_id);
}

async function checkRolesExist(trx: Transaction<Database>, roleIds: readonly string[]): Promise<void> {
  if (roleIds.length === 0) return;
  const found = await trx.selectFrom('roles').select('id').where('id', 'in', [...roleIds]).execute();
  if (found.length !== new Set(roleIds).size) throw new AppError('NOT_FOUND', 'permissions.roleNotFound');
}

async function replaceAssignments(trx: Transaction<Database>, kind: 'user' | 'department', subject: string, roleIds: readonly string[]): Promise<void> {
  await trx.deleteFrom('role_assignments').where('subject_kind', '=', kind).where('subject', '=', subject).execute();
  const unique = [...new Set(roleIds)];
  if (unique.length) await trx.insertInto('role_assignments').values(unique.map((role_id) => ({ subject_kind: kind, subject, role_id }))).execute();
}

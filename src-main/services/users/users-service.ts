import type { Transaction } from 'kysely';
import type { User, UserFields } from '../../../src-shared/company/schema';
import type { AppInfo } from '../../../src-shared/contract/calls';
import { AppError, validationError } from '../../../src-shared/contract/errors';
import { foldForSearch } from '../../../src-shared/text/fold';
import type { Database } from '../../store/schema';
import { appInfo, currentUserKey } from '../app/app-service';
import { nowIso, type ServiceContext } from '../context';
import { userFromRow } from './user-rows';
import { giveStartingRole } from '../permissions/policy-store';
import { auditPermissionChange } from '../permissions/permissions-service';
import { builtinRoleId } from '../../../src-shared/permissions/roles';

/*
 * The employees of this installation and which of them works at it now.
 *
 * There is no password, on purpose: until the company server brings sign-in (issue 7) Signet runs on one computer that
 * an office shares, under one OS account, with one data folder anyone at the keyboard can open. A password here would
 * guard nothing the OS account does not already expose, so "switching" is a local profile switch: it says whose board
 * view, ownership and signer list the next actions use. Who may change the employees themselves is still checked.
 */

/** By name as people read it ("Łukasz" before "Zenon"), then in the order they were added. */
export async function listUsers(ctx: ServiceContext): Promise<User[]> {
  const rows = await ctx.db.selectFrom('users').selectAll().orderBy('created_at').orderBy('id').execute();
  const keyed = rows.map((row) => ({ user: userFromRow(row), key: foldForSearch(row.name) }));
  // A stable sort: equal names keep the order of the query.
  return keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map((k) => k.user);
}

/** Who may add and change employees is the permissions' (permissions.manage), checked before these run. */
export async function addUser(ctx: ServiceContext, fields: UserFields): Promise<User> {
  const id = ctx.newId();
  await ctx.db.transaction().execute(async (trx) => {
    await refuseTakenEmail(trx, fields.email);
    await trx.insertInto('users').values({ id, ...columnsOf(fields), created_at: nowIso(ctx) }).execute();
    await giveStartingRole(trx, id, fields);
  });
  return changed(ctx, id);
}

/**
 * The whole record. The administrator flag is the Administrator role: set, the employee holds it; cleared, they lose
 * it (and start again from the role a non-administrator starts with when nothing else is left them), audited like any
 * change of permissions. Refused when nobody would be left to manage permissions: nobody could give the right back.
 */
export async function updateUser(ctx: ServiceContext, input: UserFields & { id: string }): Promise<User> {
  const { id, ...fields } = input;
  await ctx.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('users').select(['is_admin', 'name']).where('id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND', 'employees.notFound');
    await refuseTakenEmail(trx, fields.email, id);
    await trx.updateTable('users').set(columnsOf(fields)).where('id', '=', id).execute();
    const wasAdmin = row.is_admin === 1;
    if (wasAdmin === fields.isAdmin) return;
    const administrator = { subject_kind: 'user', subject: id, role_id: builtinRoleId('administrator') } as const;
    if (fields.isAdmin) await trx.insertInto('role_assignments').values(administrator).onConflict((oc) => oc.doNothing()).execute();
    else {
      await trx.deleteFrom('role_assignments').where('subject_kind', '=', 'user').where('subject', '=', id).where('role_id', '=', administrator.role_id).execute();
      await giveStartingRole(trx, id, fields);
    }
    await auditPermissionChange(ctx, trx, { kind: 'userAssigned', subject: row.name, before: { isAdmin: wasAdmin }, after: { isAdmin: fields.isAdmin } }, 'employees.lastAdmin');
  });
  return changed(ctx, id);
}

/** Another employee works at this install from now on (see the note at the top: no password until issue 7). */
export async function switchUser(ctx: ServiceContext, id: string): Promise<AppInfo> {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('users').select('id').where('id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND', 'employees.notFound');
    await trx
      .insertInto('settings')
      .values({ key: currentUserKey, value: id })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: id }))
      .execute();
  });
  // Every open window shares the install, so every one of them now acts for this employee and must show it.
  ctx.events.publish({ type: 'usersChanged' });
  return appInfo(ctx);
}

const columnsOf = (fields: UserFields) => ({
  name: fields.name,
  email: fields.email ?? null,
  is_admin: fields.isAdmin ? 1 : 0,
  is_signer: fields.isSigner ? 1 : 0,
});

/** Signing links and notices will go to this address, so two employees sharing one would get each other's. */
async function refuseTakenEmail(trx: Transaction<Database>, email: string | undefined, exceptId?: string): Promise<void> {
  if (!email) return;
  // Lower-cased on the stored side too: the first-run form keeps the address as typed.
  let query = trx.selectFrom('users').select('id').where((eb) => eb(eb.fn('lower', ['email']), '=', email));
  if (exceptId) query = query.where('id', '!=', exceptId);
  if (await query.executeTakeFirst()) throw validationError([{ path: 'email', messageKey: 'employees.emailTaken' }]);
}

async function changed(ctx: ServiceContext, id: string): Promise<User> {
  ctx.events.publish({ type: 'usersChanged' });
  const row = await ctx.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  return userFromRow(row);
}

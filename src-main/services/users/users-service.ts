import type { Transaction } from 'kysely';
import type { User, UserFields } from '../../../src-shared/company/schema';
import type { AppInfo } from '../../../src-shared/contract/calls';
import { AppError, validationError } from '../../../src-shared/contract/errors';
import { foldForSearch } from '../../../src-shared/text/fold';
import type { Database } from '../../store/schema';
import { appInfo, currentUser, currentUserKey } from '../app/app-service';
import { nowIso, type ServiceContext } from '../context';
import { userFromRow } from './user-rows';

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

/**
 * Refuses the call unless the employee working now is an administrator. The renderer hides what a non-administrator
 * cannot do; this is the check that holds for any caller.
 */
export async function requireAdmin(ctx: ServiceContext): Promise<User> {
  const user = await currentUser(ctx);
  if (!user.isAdmin) throw new AppError('FORBIDDEN', 'employees.adminOnly');
  return user;
}

export async function addUser(ctx: ServiceContext, fields: UserFields): Promise<User> {
  await requireAdmin(ctx);
  const id = ctx.newId();
  await ctx.db.transaction().execute(async (trx) => {
    await refuseTakenEmail(trx, fields.email);
    await trx.insertInto('users').values({ id, ...columnsOf(fields), created_at: nowIso(ctx) }).execute();
  });
  return changed(ctx, id);
}

/** The whole record. The last administrator cannot lose the right: nobody would be left to give it back. */
export async function updateUser(ctx: ServiceContext, input: UserFields & { id: string }): Promise<User> {
  await requireAdmin(ctx);
  const { id, ...fields } = input;
  await ctx.db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('users').select('is_admin').where('id', '=', id).executeTakeFirst();
    if (!row) throw new AppError('NOT_FOUND', 'employees.notFound');
    await refuseTakenEmail(trx, fields.email, id);
    if (row.is_admin === 1 && !fields.isAdmin) {
      const admins = await trx.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).where('is_admin', '=', 1).executeTakeFirstOrThrow();
      if (Number(admins.n) <= 1) throw new AppError('VALIDATION', 'employees.lastAdmin');
    }
    await trx.updateTable('users').set(columnsOf(fields)).where('id', '=', id).execute();
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

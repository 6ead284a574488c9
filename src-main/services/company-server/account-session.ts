import { accountSchema, type Account } from '../../../src-shared/company-server/account-api';
import { currentUserKey } from '../app/app-service';
import { nowIso, type ServiceContext } from '../context';
import { giveStartingRole } from '../permissions/policy-store';

const accountKey = 'companyServer.account';

/**
 * The account this desktop signed in as, remembered in SQLite so the app keeps working offline as that person: the
 * account is also the local `users` row with the account's id (the same id on every laptop the person uses, so what
 * sync carries about them is about one user), and that row is the current user. A local profile that had the account's
 * e-mail before gives the address up to it, keeping its own documents.
 */
export async function rememberAccount(ctx: ServiceContext, account: Account): Promise<void> {
  const value = JSON.stringify(account);
  const columns = { name: account.name, email: account.email, is_admin: account.isAdmin ? 1 : 0, is_signer: account.isSigner ? 1 : 0 };
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ email: null }).where('email', '=', account.email).where('id', '!=', account.id).execute();
    await trx
      .insertInto('users')
      // The department the account was made with, on first sign-in here; later it is the permissions' (synced).
      .values({ id: account.id, ...columns, department: account.department, created_at: nowIso(ctx) })
      .onConflict((oc) => oc.column('id').doUpdateSet(columns))
      .execute();
    // A new person here starts with the role their account's rights map to; roles the company gave them come by sync.
    await giveStartingRole(trx, account.id, account);
    for (const [key, v] of [[accountKey, value], [currentUserKey, account.id]] as const) {
      await trx.insertInto('settings').values({ key, value: v }).onConflict((oc) => oc.column('key').doUpdateSet({ value: v })).execute();
    }
  });
  ctx.events.publish({ type: 'usersChanged' });
}

/** The signed-in account as last seen (offline too), or null on a desktop paired with a code or not linked. */
export async function signedInAccount(ctx: Pick<ServiceContext, 'db'>): Promise<Account | null> {
  const row = await ctx.db.selectFrom('settings').select('value').where('key', '=', accountKey).executeTakeFirst();
  const parsed = row ? accountSchema.safeParse(JSON.parse(row.value)) : undefined;
  return parsed?.success ? parsed.data : null;
}

/** Unlinked: the account is forgotten; its local user stays (its documents are its own), and stays current. */
export async function forgetAccount(ctx: Pick<ServiceContext, 'db'>): Promise<void> {
  await ctx.db.deleteFrom('settings').where('key', '=', accountKey).execute();
}

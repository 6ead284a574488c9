import type { Company, User } from '../../../src-shared/company/schema';
import type { AppInfo } from '../../../src-shared/contract/calls';
import { AppError } from '../../../src-shared/contract/errors';
import { languagePreferenceSchema, type LanguagePreference, type Preferences } from '../../../src-shared/settings/schema';
import { nowIso, type ServiceContext } from '../context';
import { ensureCompanyIdentity } from '../identity/company-identity';
import { userFromRow } from '../users/user-rows';
import { grantsOf, rolesOf, stageMoveGrantsOf } from '../../../src-shared/permissions/policy';
import { giveStartingRole, loadPolicy, subjectOf } from '../permissions/policy-store';

/** The employee working at this install now; `users.switch` changes it. */
export const currentUserKey = 'app.currentUserId';
const languageKey = 'ui.language';

/**
 * Makes sure the store has a company profile and an administrator: the person at the keyboard.
 * Idempotent; runs at every start so a store is never without them.
 */
export async function ensureFirstRun(ctx: ServiceContext): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const company = await trx.selectFrom('company').select('id').executeTakeFirst();
    if (company) return;
    const userId = ctx.newId();
    const at = nowIso(ctx);
    await trx.insertInto('company').values({ id: 1, name: '', tax_id: null, city: null, setup_done: 0, updated_at: at }).execute();
    await trx
      .insertInto('users')
      .values({ id: userId, name: ctx.osUserName || 'Administrator', email: null, is_admin: 1, is_signer: 1, created_at: at })
      .execute();
    await giveStartingRole(trx, userId, { isAdmin: true, isSigner: true });
    await trx.insertInto('settings').values({ key: currentUserKey, value: userId }).execute();
  });
}

export async function currentUser(ctx: ServiceContext): Promise<User> {
  const row = await ctx.db
    .selectFrom('settings')
    .innerJoin('users', 'users.id', 'settings.value')
    .where('settings.key', '=', currentUserKey)
    .selectAll('users')
    .executeTakeFirst();
  if (!row) throw new AppError('STORE_UNAVAILABLE', 'errors.noCurrentUser');
  return userFromRow(row);
}

async function readCompany(ctx: ServiceContext): Promise<{ company: Company; setupDone: boolean }> {
  const row = await ctx.db.selectFrom('company').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
  return {
    company: { name: row.name, taxId: row.tax_id ?? undefined, city: row.city ?? undefined },
    setupDone: row.setup_done === 1,
  };
}

async function readPreferences(ctx: ServiceContext): Promise<Preferences> {
  const managed = ctx.policy?.policy.locked?.language;
  if (managed) return { language: managed, locked: true };
  const row = await ctx.db.selectFrom('settings').select('value').where('key', '=', languageKey).executeTakeFirst();
  const parsed = languagePreferenceSchema.safeParse(row?.value);
  return { language: parsed.success ? parsed.data : 'system' };
}

export async function appInfo(ctx: ServiceContext): Promise<AppInfo> {
  const [{ company, setupDone }, user, preferences, policy, subject] = await Promise.all([readCompany(ctx), currentUser(ctx), readPreferences(ctx), loadPolicy(ctx.db), subjectOf(ctx)]);
  return { version: ctx.appVersion, firstRun: !setupDone, company, user, preferences, dataDir: ctx.dataDir, grants: grantsOf(policy, subject), stageMoves: stageMoveGrantsOf(policy, subject), roles: rolesOf(policy, subject).map(({ id, name, builtin }) => ({ id, name, builtin })) };
}

export async function updateCompany(ctx: ServiceContext, company: Company): Promise<Company> {
  await ctx.db
    .updateTable('company')
    .set({ name: company.name, tax_id: company.taxId ?? null, city: company.city ?? null, updated_at: nowIso(ctx) })
    .where('id', '=', 1)
    .execute();
  return (await readCompany(ctx)).company;
}

export async function completeSetup(
  ctx: ServiceContext,
  input: { company: Company; userName: string; userEmail?: string | undefined },
): Promise<AppInfo> {
  const user = await currentUser(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('company')
      .set({ name: input.company.name, tax_id: input.company.taxId ?? null, city: input.company.city ?? null, setup_done: 1, updated_at: nowIso(ctx) })
      .where('id', '=', 1)
      .execute();
    await trx.updateTable('users').set({ name: input.userName, email: input.userEmail ?? null }).where('id', '=', user.id).execute();
  });
  // The seal certificate carries the company name, known from now on; made in the background (see ensureCompanyIdentity).
  void ensureCompanyIdentity(ctx);
  return appInfo(ctx);
}

export async function setLanguage(ctx: ServiceContext, language: LanguagePreference): Promise<Preferences> {
  if (ctx.policy?.policy.locked?.language) throw new AppError('FORBIDDEN', 'policy.locked', { setting: 'language' });
  await ctx.db
    .insertInto('settings')
    .values({ key: languageKey, value: language })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: language }))
    .execute();
  return readPreferences(ctx);
}


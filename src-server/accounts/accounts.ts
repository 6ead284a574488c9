import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Account, AccountEditValues, NewAccountValues } from '../../src-shared/company-server/account-api';
import { ApiError } from '../http/api-error';
import type { AccountTable } from '../store/accounts-schema';
import type { ServerDatabase } from '../store/schema';

export type AccountRow = Selectable<AccountTable>;
type Db = Kysely<ServerDatabase>;

export function accountOut(row: AccountRow): Account {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    department: row.department,
    language: row.language === 'en' ? 'en' : 'pl',
    isSigner: Boolean(row.is_signer),
    isAdmin: Boolean(row.is_admin),
    disabledAt: row.disabled_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function accountById(db: Db, id: string): Promise<AccountRow | undefined> {
  return db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function requireAccount(db: Db, id: string): Promise<AccountRow> {
  const row = await accountById(db, id);
  if (!row) throw new ApiError('NOT_FOUND');
  return row;
}

/** Accounts by name, each with how many of its devices still work. */
export async function listAccounts(db: Db): Promise<(Account & { activeDevices: number })[]> {
  const rows = await db.selectFrom('accounts').selectAll().orderBy('name').orderBy('id').execute();
  const counts = await db.selectFrom('devices').where('revoked_at', 'is', null).where('account_id', 'is not', null).select((eb) => ['account_id', eb.fn.countAll<number>().as('n')]).groupBy('account_id').execute();
  const active = new Map(counts.map((c) => [c.account_id, Number(c.n)]));
  return rows.map((row) => ({ ...accountOut(row), activeDevices: active.get(row.id) ?? 0 }));
}

/** The store's unique index decides a taken address, so two administrators racing with one address get one account. */
async function emailTaken(db: Db, email: string, except?: string): Promise<boolean> {
  let query = db.selectFrom('accounts').select('id').where('email', '=', email);
  if (except) query = query.where('id', '!=', except);
  return (await query.executeTakeFirst()) !== undefined;
}

export async function createAccount(db: Db, a: NewAccountValues, now: Date): Promise<AccountRow> {
  if (await emailTaken(db, a.email)) throw new ApiError('EMAIL_TAKEN');
  const at = now.toISOString();
  const row: AccountRow = { id: randomUUID(), name: a.name, email: a.email, department: a.department ?? null, language: a.language, is_signer: a.isSigner ? 1 : 0, is_admin: a.isAdmin ? 1 : 0, disabled_at: null, created_at: at, updated_at: at };
  await db.insertInto('accounts').values(row).execute();
  return row;
}

export async function editAccount(db: Db, id: string, a: AccountEditValues, now: Date): Promise<AccountRow> {
  await requireAccount(db, id);
  if (a.email !== undefined && (await emailTaken(db, a.email, id))) throw new ApiError('EMAIL_TAKEN');
  const set: Partial<AccountRow> = { updated_at: now.toISOString() };
  if (a.name !== undefined) set.name = a.name;
  if (a.email !== undefined) set.email = a.email;
  if (a.department !== undefined) set.department = a.department || null;
  if (a.language !== undefined) set.language = a.language;
  if (a.isSigner !== undefined) set.is_signer = a.isSigner ? 1 : 0;
  if (a.isAdmin !== undefined) set.is_admin = a.isAdmin ? 1 : 0;
  await db.updateTable('accounts').set(set).where('id', '=', id).execute();
  return requireAccount(db, id);
}

/** Disabling keeps the devices' tokens: the auth hook refuses them while `disabled_at` is set, and enabling lets them in again. */
export async function setAccountDisabled(db: Db, id: string, disabled: boolean, now: Date): Promise<AccountRow> {
  await requireAccount(db, id);
  const at = now.toISOString();
  await db.updateTable('accounts').set({ disabled_at: disabled ? at : null, updated_at: at }).where('id', '=', id).execute();
  return requireAccount(db, id);
}

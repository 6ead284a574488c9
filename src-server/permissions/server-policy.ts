import type { Kysely, Transaction } from 'kysely';
import { permissionManagers, type Policy, type Subject } from '../../src-shared/permissions/policy';
import { builtinRoleId, builtinRoles } from '../../src-shared/permissions/roles';
import { defaultStoredRole, holdingOfId, policyOf, roleFromStored, startingRole, type Holding, type StoredRole } from '../../src-shared/permissions/role-fields';
import type { SyncValue } from '../../src-shared/sync/merge';
import type { AccountRow } from '../accounts/accounts';
import type { ServerDatabase } from '../store/schema';

type Db = Kysely<ServerDatabase> | Transaction<ServerDatabase>;
export type RecordFields = Record<string, SyncValue>;

/*
 * The server's access permissions (issue 8) are the synced ones: roles and holdings as the desktops pushed them (kept
 * entries of `role` and `role_assignment`), each employee's department as their synced user record says, read the
 * same way a desktop reads its tables (role-fields.ts). The server has no tables of its own for them, so there is one
 * truth and nothing to keep in step. What no desktop pushed yet is what every desktop starts with: the built-in roles
 * at their defaults, an account holding its starting role until a holding is synced for it; an administrator's
 * account (the server's own setting, not a synced one) always holds the Administrator role.
 */

/** The kept permission records by id: fields as they are now. */
export interface PermissionRecords {
  roles: Map<string, RecordFields>;
  holdings: Map<string, RecordFields>;
  /** user id → the synced department (null: none) */
  departments: Map<string, string | null>;
}

export async function readPermissionRecords(db: Db): Promise<PermissionRecords> {
  const rows = await db
    .selectFrom('sync_entries')
    .select(['entity', 'entity_id', 'key', 'value'])
    .where('kind', '=', 'field')
    .where((eb) => eb.or([eb('entity', 'in', ['role', 'role_assignment']), eb.and([eb('entity', '=', 'user'), eb('key', '=', 'department')])]))
    .execute();
  const records: PermissionRecords = { roles: new Map(), holdings: new Map(), departments: new Map() };
  for (const r of rows) setField(records, r.entity, r.entity_id, r.key, JSON.parse(r.value) as SyncValue);
  return records;
}

/** One field set in place (a kept entry read, or a pushed change tried); fields of other records are ignored. */
export function setField(records: PermissionRecords, entity: string, id: string, field: string, value: SyncValue): void {
  if (entity === 'user') {
    if (field === 'department') records.departments.set(id, typeof value === 'string' ? value : null);
    return;
  }
  const map = entity === 'role' ? records.roles : entity === 'role_assignment' ? records.holdings : null;
  if (!map) return;
  map.set(id, { ...map.get(id), [field]: value });
}

export function copyRecords(records: PermissionRecords): PermissionRecords {
  return { roles: new Map(records.roles), holdings: new Map(records.holdings), departments: new Map(records.departments) };
}

const text = (fields: RecordFields, name: string) => (typeof fields[name] === 'string' ? fields[name] : null);

/** A role as its kept fields make it: a built-in role's missing fields are its defaults; a custom role needs its matrix. */
function storedRole(id: string, fields: RecordFields | undefined): StoredRole | null {
  const builtin = builtinRoles.find((b) => builtinRoleId(b) === id);
  if (fields?.['deleted'] === true && !builtin) return null;
  const base = builtin ? defaultStoredRole(builtin) : null;
  const levels = text(fields ?? {}, 'levels') ?? base?.levels;
  if (levels === undefined) return null;
  return { id, name: fields && 'name' in fields ? text(fields, 'name') : (base?.name ?? null), builtin: builtin ?? null, levels, stage_moves: text(fields ?? {}, 'stage_moves') ?? base?.stage_moves ?? '{}' };
}

export type PolicyAccount = Pick<AccountRow, 'id' | 'department' | 'is_admin' | 'is_signer' | 'disabled_at'>;

export function serverPolicy(records: PermissionRecords, accounts: readonly PolicyAccount[]): Policy {
  const ids = new Set([...builtinRoles.map(builtinRoleId), ...records.roles.keys()]);
  const roles = [...ids].flatMap((id) => {
    const stored = storedRole(id, records.roles.get(id));
    return stored ? [roleFromStored(stored)] : [];
  });
  const holdings: Holding[] = [];
  const everHeld = new Set<string>();
  for (const [id, fields] of records.holdings) {
    const holding = holdingOfId(id);
    if (!holding) continue;
    if (holding.kind === 'user') everHeld.add(holding.subject);
    if (fields['deleted'] !== true) holdings.push(holding);
  }
  for (const account of accounts) {
    const flags = { isAdmin: account.is_admin === 1, isSigner: account.is_signer === 1 };
    if (flags.isAdmin) holdings.push({ kind: 'user', subject: account.id, roleId: builtinRoleId('administrator') });
    else if (!everHeld.has(account.id)) holdings.push({ kind: 'user', subject: account.id, roleId: startingRole(flags) });
  }
  return policyOf(roles, dedupe(holdings));
}

function dedupe(holdings: Holding[]): Holding[] {
  const seen = new Map(holdings.map((h) => [`${h.kind}|${h.roleId}|${h.subject}`, h]));
  return [...seen.values()];
}

/** An employee's department: as their synced user record says, else `fallback` (their account's). */
function syncedDepartment(records: PermissionRecords, userId: string, fallback: string | null): string | null {
  return records.departments.has(userId) ? records.departments.get(userId)! : fallback;
}

/** An employee's department, an account's own where no department is synced for them (null: none). */
export function departmentOf(records: PermissionRecords, accounts: readonly PolicyAccount[], userId: string): string | null {
  return syncedDepartment(records, userId, accounts.find((a) => a.id === userId)?.department ?? null);
}

/** Who an account is to the permissions: its id (the desktop's user id) and its department. */
export function subjectOfAccount(records: PermissionRecords, account: PolicyAccount): Subject {
  return { userId: account.id, department: syncedDepartment(records, account.id, account.department) };
}

/** The accounts that may manage permissions under these records (disabled ones act for nobody). */
export function managersOf(records: PermissionRecords, accounts: readonly PolicyAccount[]): Subject[] {
  const active = accounts.filter((a) => a.disabled_at === null);
  return permissionManagers(serverPolicy(records, accounts), active.map((a) => subjectOfAccount(records, a)));
}

/**
 * Everything that decides what anyone may do, in one canonical text, to tell whether a change changes it: the roles,
 * who holds them, and each employee's department (an account's own where none is synced).
 */
export function permissionsText(records: PermissionRecords, accounts: readonly PolicyAccount[]): string {
  const sorted = (o: Readonly<Record<string, unknown>>) => Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b)));
  const policy = serverPolicy(records, accounts);
  const departments: Record<string, string | null> = Object.fromEntries([...records.departments].filter(([, d]) => d !== null));
  for (const account of accounts) departments[account.id] = subjectOfAccount(records, account).department;
  return JSON.stringify({
    roles: policy.roles.map((r) => ({ ...r, stageMoves: sorted(r.stageMoves) })),
    users: sorted(policy.users),
    departments: sorted(policy.departments),
    members: sorted(departments),
  });
}

export async function policyAccounts(db: Db): Promise<PolicyAccount[]> {
  return db.selectFrom('accounts').select(['id', 'department', 'is_admin', 'is_signer', 'disabled_at']).execute();
}

/** What the permissions of one account come to now, for a route's authorization step and a pull's filter. */
export interface AccountPermissions {
  policy: Policy;
  subject: Subject;
  /** An employee's department (a document without one is its owner's department's, as on the desktop). */
  departmentOf(userId: string): string | null;
  /** Everyone whose department is `department`. */
  membersOf(department: string): string[];
}

export async function permissionsOf(db: Db, account: PolicyAccount): Promise<AccountPermissions> {
  const [records, accounts] = await Promise.all([readPermissionRecords(db), policyAccounts(db)]);
  const everyone = [...new Set([...records.departments.keys(), ...accounts.map((a) => a.id)])];
  return {
    policy: serverPolicy(records, accounts),
    subject: subjectOfAccount(records, account),
    departmentOf: (userId) => departmentOf(records, accounts, userId),
    membersOf: (department) => everyone.filter((id) => departmentOf(records, accounts, id) === department),
  };
}

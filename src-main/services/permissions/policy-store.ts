import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Policy, Subject } from '../../../src-shared/permissions/policy';
import type { Role } from '../../../src-shared/permissions/roles';
import { policyOf, roleFromStored, startingRole } from '../../../src-shared/permissions/role-fields';
import type { Database, RoleTable } from '../../store/schema';
import { currentUserKey } from '../app/app-service';
import type { ServiceContext } from '../context';

type Db = Kysely<Database> | Transaction<Database>;

/** A role as stored (see roleFromStored). */
export function roleFromRow(row: Selectable<RoleTable>): Role {
  return roleFromStored(row);
}

/** Every role and who holds it, as the store has them now. */
export async function loadPolicy(db: Db): Promise<Policy> {
  const [roles, assignments] = await Promise.all([db.selectFrom('roles').selectAll().execute(), db.selectFrom('role_assignments').selectAll().execute()]);
  return policyOf(
    roles.map(roleFromRow),
    assignments.map((a) => ({ kind: a.subject_kind, subject: a.subject, roleId: a.role_id })),
  );
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

export async function giveStartingRole(trx: Transaction<Database>, userId: string, flags: { isAdmin: boolean; isSigner: boolean }): Promise<void> {
  const held = await trx.selectFrom('role_assignments').select('role_id').where('subject_kind', '=', 'user').where('subject', '=', userId).executeTakeFirst();
  if (held) return;
  await trx.insertInto('role_assignments').values({ subject_kind: 'user', subject: userId, role_id: startingRole(flags) }).onConflict((oc) => oc.doNothing()).execute();
}

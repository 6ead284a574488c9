import type { Kysely } from 'kysely';
import { holdingOfId } from '../../src-shared/permissions/role-fields';
import type { SyncConflict } from '../../src-shared/sync/protocol';
import type { Database } from '../store/schema';
import type { ServiceContext } from '../services/context';

const shown = 100;
/** Reasons the records and the merge give that are translation keys of their own (the lifecycle's move refusals). */
const ownKey = /^documents\./;

/** The latest refusals, newest first, named so a person can find the record. */
export async function listSyncConflicts(ctx: Pick<ServiceContext, 'db'>): Promise<SyncConflict[]> {
  const rows = await ctx.db.selectFrom('sync_conflicts').selectAll().orderBy('id', 'desc').limit(shown).execute();
  const { labels, roles } = await labelsOf(ctx.db, rows);
  return rows.map((r) => {
    const details = JSON.parse(r.details) as { field?: unknown; undone?: { title?: unknown; number?: unknown } };
    const [reason, ...rest] = r.reason.split(': ');
    // A document removed because its creation was refused is named by what it was.
    const undone = details.undone && typeof details.undone.title === 'string' ? `${typeof details.undone.number === 'string' ? `${details.undone.number} · ` : ''}${details.undone.title}` : undefined;
    const key = `${r.entity}\u0000${r.entity_id}`;
    const label = labels.get(key) ?? undone;
    const role = roles.get(key);
    return {
      id: r.id,
      entity: r.entity,
      entityId: r.entity_id,
      ...(label ? { label } : {}),
      ...(role ?? {}),
      ...(typeof details.field === 'string' ? { field: details.field } : {}),
      reasonKey: ownKey.test(reason!) ? reason! : `sync.reasons.${reason}`,
      ...(rest.length ? { detail: rest.join(': ') } : {}),
      at: r.at,
    };
  });
}

type RoleRef = NonNullable<SyncConflict['role']>;

/**
 * Names for the records the refusals are about: a document's number and title; a role (named in the renderer, a
 * built-in one translated) and, for a holding, its holder.
 */
async function labelsOf(db: Kysely<Database>, rows: readonly { entity: string; entity_id: string }[]): Promise<{ labels: Map<string, string>; roles: Map<string, { role: RoleRef; holder?: string }> }> {
  const labels = new Map<string, string>();
  const ids = (...entities: string[]) => [...new Set(rows.filter((r) => entities.includes(r.entity)).map((r) => r.entity_id))];
  const documentIds = ids('document', 'event');
  for (const d of documentIds.length ? await db.selectFrom('documents').select(['id', 'title', 'number']).where('id', 'in', documentIds).execute() : []) {
    for (const entity of ['document', 'event']) labels.set(`${entity}\u0000${d.id}`, `${d.number} · ${d.title}`);
  }
  const holdings = ids('role_assignment').flatMap((id) => {
    const h = holdingOfId(id);
    return h ? [{ id, ...h }] : [];
  });
  const roleIds = [...new Set([...ids('role'), ...holdings.map((h) => h.roleId)])];
  const known = new Map(roleIds.length ? (await db.selectFrom('roles').select(['id', 'name', 'builtin']).where('id', 'in', roleIds).execute()).map((r) => [r.id, r]) : []);
  const roleOf = (id: string): RoleRef => known.get(id) ?? { id, name: null, builtin: null };
  const roles = new Map<string, { role: RoleRef; holder?: string }>();
  for (const id of ids('role')) roles.set(`role\u0000${id}`, { role: roleOf(id) });
  const userIds = holdings.filter((h) => h.kind === 'user').map((h) => h.subject);
  const users = new Map(userIds.length ? (await db.selectFrom('users').select(['id', 'name']).where('id', 'in', userIds).execute()).map((u) => [u.id, u.name]) : []);
  for (const h of holdings) roles.set(`role_assignment\u0000${h.id}`, { role: roleOf(h.roleId), holder: h.kind === 'user' ? (users.get(h.subject) ?? h.subject) : h.subject });
  return { labels, roles };
}

import type { SyncConflict } from '../../src-shared/sync/protocol';
import type { ServiceContext } from '../services/context';

const shown = 100;
/** Reasons the records and the merge give that are translation keys of their own (the lifecycle's move refusals). */
const ownKey = /^documents\./;

/** The latest refusals, newest first, named so a person can find the record. */
export async function listSyncConflicts(ctx: Pick<ServiceContext, 'db'>): Promise<SyncConflict[]> {
  const rows = await ctx.db.selectFrom('sync_conflicts').selectAll().orderBy('id', 'desc').limit(shown).execute();
  const documentIds = [...new Set(rows.filter((r) => r.entity === 'document' || r.entity === 'event').map((r) => r.entity_id))];
  const titles = new Map(
    documentIds.length ? (await ctx.db.selectFrom('documents').select(['id', 'title', 'number']).where('id', 'in', documentIds).execute()).map((d) => [d.id, `${d.number} · ${d.title}`]) : [],
  );
  return rows.map((r) => {
    const details = JSON.parse(r.details) as { field?: unknown };
    const [reason, ...rest] = r.reason.split(': ');
    const label = titles.get(r.entity_id);
    return {
      id: r.id,
      entity: r.entity,
      entityId: r.entity_id,
      ...(label ? { label } : {}),
      ...(typeof details.field === 'string' ? { field: details.field } : {}),
      reasonKey: ownKey.test(reason!) ? reason! : `sync.reasons.${reason}`,
      ...(rest.length ? { detail: rest.join(': ') } : {}),
      at: r.at,
    };
  });
}

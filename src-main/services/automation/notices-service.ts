import type { Notice } from '../../../src-shared/automation/notices';
import { currentUser } from '../app/app-service';
import { nowIso, type ServiceContext } from '../context';

/** How many of one's notices the list holds: the newest. */
const listed = 50;

/** The current employee's notices, newest first; only their own, whatever their rights. */
export async function listNotices(ctx: ServiceContext): Promise<Notice[]> {
  const user = await currentUser(ctx);
  const rows = await ctx.db
    .selectFrom('notices as n')
    .innerJoin('documents as d', 'd.id', 'n.document_id')
    .select(['n.id', 'n.document_id', 'n.text', 'n.created_at', 'n.read_at', 'd.title', 'd.number'])
    .where('n.user_id', '=', user.id)
    .orderBy('n.created_at', 'desc')
    .orderBy('n.id')
    .limit(listed)
    .execute();
  return rows.map((r) => ({ id: r.id, documentId: r.document_id, documentTitle: r.title, documentNumber: r.number, text: r.text, at: r.created_at, read: r.read_at !== null }));
}

export async function markNoticesRead(ctx: ServiceContext, ids: readonly string[]): Promise<Notice[]> {
  const user = await currentUser(ctx);
  await ctx.db.updateTable('notices').set({ read_at: nowIso(ctx) }).where('user_id', '=', user.id).where('id', 'in', ids).where('read_at', 'is', null).execute();
  return listNotices(ctx);
}

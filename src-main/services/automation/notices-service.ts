import type { Notice } from '../../../src-shared/automation/notices';
import { currentUser } from '../app/app-service';
import { nowIso, type ServiceContext } from '../context';

/** How many of one's read notices the list keeps showing, and of the unread (never left out of the count before that). */
const readListed = 50;
const unreadListed = 500;

/** The current employee's notices, newest first: every unread one, and the newest read; only their own, whatever their rights. */
export async function listNotices(ctx: ServiceContext): Promise<Notice[]> {
  const user = await currentUser(ctx);
  const query = (read: boolean, limit: number) =>
    ctx.db
      .selectFrom('notices as n')
      .innerJoin('documents as d', 'd.id', 'n.document_id')
      .select(['n.id', 'n.document_id', 'n.text', 'n.created_at', 'n.read_at', 'd.title', 'd.number'])
      .where('n.user_id', '=', user.id)
      .where('n.read_at', read ? 'is not' : 'is', null)
      .orderBy('n.created_at', 'desc')
      .orderBy('n.id')
      .limit(limit)
      .execute();
  const rows = [...(await query(false, unreadListed)), ...(await query(true, readListed))].sort((a, b) => b.created_at.localeCompare(a.created_at) || a.id.localeCompare(b.id));
  return rows.map((r) => ({ id: r.id, documentId: r.document_id, documentTitle: r.title, documentNumber: r.number, text: r.text, at: r.created_at, read: r.read_at !== null }));
}

export async function markNoticesRead(ctx: ServiceContext, ids: readonly string[]): Promise<Notice[]> {
  const user = await currentUser(ctx);
  await ctx.db.updateTable('notices').set({ read_at: nowIso(ctx) }).where('user_id', '=', user.id).where('id', 'in', ids).where('read_at', 'is', null).execute();
  ctx.events.publish({ type: 'noticesRead' });
  return listNotices(ctx);
}

import { sealedDownloadMs } from '../../src-shared/portal/signing-session';
import type { Log } from '../../src-main/app/log';
import { startPeriodic, type Periodic } from '../../src-main/delivery/jobs/periodic';
import type { SealContext } from './seal-context';

/** A desktop that never fetches its sealed file (unpaired, replaced) does not keep it on the portal for ever. */
export const sealedKeptUnfetchedMs = 30 * 24 * 60 * 60_000;
const dailyMs = 24 * 60 * 60_000;

/**
 * Takes sealed documents off the portal (issue 6, item 4: "downloadable for 14 days, then deleted from the portal"):
 * the sealed file 14 days after the seal, and the uploaded original with it when no document still being signed or
 * waiting for its seal uses the same file.
 *
 * Why it also waits for the desktop: the signers had their 14 days and an e-mailed copy, but the publishing desktop
 * has no other copy of the sealed file than this one, and a laptop can be away for longer than a fortnight. So the
 * file goes once the desktop has fetched it whole (`sealed_fetched_at`), or after 30 days whatever happened, so that a
 * desktop gone for good does not keep documents on the server for ever. A signed copy still waiting in the outbox
 * (the mail server down all that time) keeps its attachment until it has gone out.
 *
 * The rows change first and the files go after the commit: a crash in between costs disk (a file nothing names any
 * more), never a document the portal offers without its file.
 * The completed uploads of the original go with it, so a device that publishes the same file again uploads it again.
 * Returns how many documents were taken off.
 */
export async function removeSealedFiles(ctx: Pick<SealContext, 'db' | 'files' | 'now'>): Promise<number> {
  const now = ctx.now().getTime();
  const offeredUntil = new Date(now - sealedDownloadMs).toISOString();
  const unfetchedUntil = new Date(now - sealedKeptUnfetchedMs).toISOString();
  const due = await ctx.db
    .selectFrom('published_documents')
    .select(['id', 'sealed_sha256', 'file_sha256'])
    .where('sealed_sha256', 'is not', null)
    .where('sealed_removed_at', 'is', null)
    .where('sealed_at', '<=', offeredUntil)
    .where((eb) => eb.or([eb('sealed_fetched_at', 'is not', null), eb('sealed_at', '<=', unfetchedUntil)]))
    .execute();
  let removed = 0;
  for (const doc of due) {
    const sealed = doc.sealed_sha256!;
    const files = await ctx.db.transaction().execute(async (trx) => {
      const unsent = await trx
        .selectFrom('outbox')
        .select('id')
        .where('status', 'in', ['queued', 'sending'])
        .where('attachments', 'like', `%${sealed}%`)
        .executeTakeFirst();
      if (unsent) return null;
      await trx.updateTable('published_documents').set({ sealed_removed_at: new Date(now).toISOString() }).where('id', '=', doc.id).where('sealed_removed_at', 'is', null).execute();
      const stillUsed = await trx
        .selectFrom('published_documents')
        .select('id')
        .where('file_sha256', '=', doc.file_sha256)
        .where('id', '!=', doc.id)
        .where('sealed_sha256', 'is', null)
        .where('state', 'in', ['open', 'expired'])
        .executeTakeFirst();
      if (stillUsed) return [sealed];
      await trx.deleteFrom('uploads').where('sha256', '=', doc.file_sha256).where('completed_at', 'is not', null).execute();
      return [sealed, doc.file_sha256];
    });
    if (!files) continue;
    for (const sha256 of files) await ctx.files.files.remove(sha256);
    removed += 1;
  }
  return removed;
}

/** At start (the server may have been down past the day) and then daily; a failed pass is logged and tried the next day. */
export function startSealedRemoval(ctx: Pick<SealContext, 'db' | 'files' | 'now'> & { log: Log }, intervalMs = dailyMs): Periodic {
  return startPeriodic(
    intervalMs,
    async () => {
      const removed = await removeSealedFiles(ctx);
      if (removed > 0) ctx.log.info('sealed documents taken off the portal', { removed });
    },
    (error) => ctx.log.error('removing sealed documents from the portal failed', error),
  );
}

import { AppError } from '../../../src-shared/contract/errors';
import type { Phase } from '../../../src-shared/documents/lifecycle';
import { currentUser } from '../app/app-service';
import type { ServiceContext } from '../context';
import { summariesOf } from './document-rows';

/**
 * The phases a document may be deleted in: never sent, or out of signing for good. A document in signing is cancelled
 * first (its links stop working), and a signed or archived one is evidence the company keeps.
 */
export const deletablePhases: readonly Phase[] = ['draft', 'cancelled', 'declined', 'expired'];

/**
 * Deletes a document with everything that is only its own (signers, fields, tags, history: on delete cascade) at the
 * version the person saw; its files stay in the content-addressed store (another document or a template may share
 * them). Who may is the permissions' to say (documents.delete, checked before this runs); the deletion is logged and,
 * through sync's triggers, reaches the other desktops.
 */
export async function deleteDocument(ctx: ServiceContext, input: { id: string; version: number }): Promise<{ id: string }> {
  const [doc] = await summariesOf(ctx, [input.id]);
  if (!doc) throw new AppError('NOT_FOUND', 'documents.notFound');
  if (!deletablePhases.includes(doc.phase)) throw new AppError('VALIDATION', 'documents.delete.notDeletable', { phase: doc.phase });
  if (doc.version !== input.version) throw new AppError('VALIDATION', 'documents.changedMeanwhile', { version: doc.version });
  const user = await currentUser(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const removed = await trx.deleteFrom('documents').where('id', '=', doc.id).where('version', '=', input.version).executeTakeFirst();
    if (Number(removed.numDeletedRows) !== 1) throw new AppError('VALIDATION', 'documents.changedMeanwhile');
    // The search index is a virtual table without a foreign key.
    await trx.deleteFrom('documents_fts').where('document_id', '=', doc.id).execute();
  });
  ctx.log.info('document deleted', { id: doc.id, number: doc.number, phase: doc.phase, by: user.id });
  ctx.events.publish({ type: 'documentsChanged', ids: [doc.id] });
  return { id: doc.id };
}

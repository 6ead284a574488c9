import { AppError } from '../../../src-shared/contract/errors';
import type { DocumentSummary } from '../../../src-shared/documents/types';
import { currentUser } from '../app/app-service';
import { nowIso, type ServiceContext } from '../context';
import { summariesOf } from '../documents/document-rows';
import { appendDocumentEvent } from '../documents/events';
import { enqueue } from '../../delivery/outbox/enqueue';
import { withdrawPublish } from '../company-server/publish-job';
import { cancelledNotices } from './notices';
import { signingState } from './signing-state';
import { moveToPhase, systemActor } from './system-move';

/** Moves one document past its deadline to Expired, once. */
export async function expireDocument(ctx: ServiceContext, documentId: string): Promise<void> {
  const at = nowIso(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    await appendDocumentEvent(trx, documentId, { at, type: 'expired', actor: systemActor });
    await moveToPhase(trx, documentId, 'expired', at, 'expired');
    await withdrawPublish(trx, documentId, at, { onServer: false });
  });
  ctx.events.publish({ type: 'documentsChanged', ids: [documentId] });
}

/** Every document still out for signing whose deadline has passed goes to Expired; run at start and periodically. */
export async function expireDue(ctx: ServiceContext): Promise<string[]> {
  const due = await ctx.db
    .selectFrom('documents')
    .innerJoin('document_stages', 'document_stages.id', 'documents.stage_id')
    .select('documents.id')
    .where('documents.expires_at', '<', nowIso(ctx))
    .where('document_stages.phase', 'in', ['companySigning', 'counterpartySigning'])
    .execute();
  for (const { id } of due) await expireDocument(ctx, id);
  return due.map((d) => d.id);
}

/** The owner (or an administrator) withdraws a sent document: nobody can sign it any more. */
export async function cancelDocument(ctx: ServiceContext, input: { id: string; reason?: string | undefined }): Promise<DocumentSummary> {
  const user = await currentUser(ctx);
  const state = await signingState(ctx, input.id);
  if (state.doc.ownerId !== user.id && !user.isAdmin) throw new AppError('FORBIDDEN', 'signing.onlyOwnerCancels');
  const at = nowIso(ctx);
  const notices = await cancelledNotices(ctx, input.id);
  await ctx.db.transaction().execute(async (trx) => {
    for (const notice of notices) await enqueue(ctx, notice, trx);
    await appendDocumentEvent(trx, input.id, { at, type: 'cancelled', actor: user.name, details: input.reason?.trim() ? { reason: input.reason.trim() } : undefined });
    await moveToPhase(trx, input.id, 'cancelled', at, 'cancelled');
    // Links not sent yet never go; links sent die on the server (retried there while it is away).
    await withdrawPublish(trx, input.id, at, { onServer: true });
  });
  ctx.events.publish({ type: 'documentsChanged', ids: [input.id] });
  const [after] = await summariesOf(ctx, [input.id]);
  return after!;
}

import { unlockCodePath } from '../../../src-shared/company-server/events';
import { AppError } from '../../../src-shared/contract/errors';
import { z } from 'zod';
import { currentUser } from '../app/app-service';
import { companyServerClient } from '../company-server/client';
import { nowIso, type ServiceContext } from '../context';
import { appendDocumentEvent } from '../documents/events';
import { signingState } from './signing-state';

const unlockedSchema = z.object({ ok: z.literal(true) });

/** The company server could not be asked: the lock stays, and the reader is told why in these words rather than the server's. */
const unreachable = new Set(['companyServer.errors.unreachable', 'companyServer.errors.timeout']);

/**
 * A counterparty who signs by link, locked out on the portal by five wrong codes (the history says so: otpLocked, from
 * the server's feed), is let ask for a new code by the document's owner or an administrator: the server frees the
 * lock (unlockCodePath) and only then does the history here say who allowed it (otpUnlocked, as in person). The code
 * lives on the server, so without it nothing is unlocked: a clear error, to try again.
 */
export async function unlockPortalCode(ctx: ServiceContext, input: { documentId: string; signerId: number }): Promise<void> {
  const user = await currentUser(ctx);
  const state = await signingState(ctx, input.documentId);
  if (state.doc.ownerId !== user.id && !user.isAdmin) throw new AppError('FORBIDDEN', 'signing.unlockCode.onlyOwner');
  const signer = await ctx.db.selectFrom('document_signers').select(['side', 'channel']).where('id', '=', input.signerId).where('document_id', '=', input.documentId).executeTakeFirst();
  if (!signer || signer.side !== 'counterparty' || (signer.channel !== 'email' && signer.channel !== 'sms')) throw new AppError('VALIDATION', 'signing.unlockCode.notByLink');
  const job = await ctx.db.selectFrom('publish_jobs').select('published_id').where('document_id', '=', input.documentId).where('kind', '=', 'publish').where('status', '=', 'published').executeTakeFirst();
  if (!job?.published_id) throw new AppError('VALIDATION', 'signing.unlockCode.notPublished');
  const client = await companyServerClient(ctx);
  try {
    await client.call('POST', unlockCodePath(job.published_id, String(input.signerId)), unlockedSchema);
  } catch (error) {
    if (error instanceof AppError && unreachable.has(error.messageKey)) throw new AppError('TRANSPORT', 'signing.unlockCode.serverUnreachable', { ...error.details, url: client.link.url });
    throw error;
  }
  await ctx.db.transaction().execute((trx) => appendDocumentEvent(trx, input.documentId, { at: nowIso(ctx), type: 'otpUnlocked', actor: user.name, details: { signer: String(input.signerId) } }));
  ctx.events.publish({ type: 'documentsChanged', ids: [input.documentId] });
}

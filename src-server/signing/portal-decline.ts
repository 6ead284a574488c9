import type { PortalDeclined } from '../../src-shared/portal/signing-session';
import { ApiError } from '../http/api-error';
import { recordEvent } from '../portal-api/evidence';
import type { Client } from '../portal-api/portal-context';
import { closedState, closedStateNow, linkClosed, type SessionSigner } from './session-signer';
import type { SigningContext } from './signing-context';

/**
 * A signer declines on the portal, with a reason: they are declined, the document is declined for everyone (its
 * other links revoked, held ones too, so each opens the "declined" page), and the step is evidence with the reason,
 * whose feed row tells the publishing desktop. The other parties are not e-mailed from here: the desktop, hearing of
 * it, sends its own declined notices (src-main/services/signing/notices.ts), as it does for a decline made on it.
 * As on the desktop, any signer not yet done may decline, whatever the order. Declining again answers as the first did.
 */
export async function declineOnPortal(ctx: Pick<SigningContext, 'db' | 'now'>, session: SessionSigner, reason: string, client: Client): Promise<PortalDeclined> {
  const { link, signer, doc } = session;
  if (signer.status === 'declined' && signer.declinedAt) return { status: 'declined', declinedAt: signer.declinedAt };
  if (signer.status === 'signed') throw new ApiError('ALREADY_SIGNED');
  const closed = closedState(doc, link.revoked, ctx.now());
  if (closed) throw linkClosed(closed);
  const now = ctx.now();
  const at = now.toISOString();
  const declined = await ctx.db.transaction().execute(async (trx) => {
    const closedNow = await closedStateNow(trx, link.linkId, now);
    if (closedNow) throw linkClosed(closedNow);
    const updated = await trx
      .updateTable('published_signers')
      .set({ status: 'declined', declined_at: at, declined_reason: reason })
      .where('id', '=', link.signerId)
      .where('status', '=', 'waiting')
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) return false;
    await trx.updateTable('published_documents').set({ state: 'declined', updated_at: at }).where('id', '=', link.documentId).execute();
    await trx.updateTable('signing_links').set({ revoked_at: at }).where('document_id', '=', link.documentId).where('id', '!=', link.linkId).where('revoked_at', 'is', null).execute();
    await recordEvent(trx, link, 'declined', client, now, { reason });
    return true;
  });
  if (declined) return { status: 'declined', declinedAt: at };
  // Another request got there first: its decline is the answer, a signature a refusal.
  const first = await ctx.db.selectFrom('published_signers').select(['status', 'declined_at']).where('id', '=', link.signerId).executeTakeFirstOrThrow();
  if (first.status === 'declined' && first.declined_at) return { status: 'declined', declinedAt: first.declined_at };
  throw new ApiError('ALREADY_SIGNED');
}

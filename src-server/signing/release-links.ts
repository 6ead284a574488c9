import type { Kysely } from 'kysely';
import { ApiError } from '../http/api-error';
import { sendLinkMessage } from '../publishing/link-messages';
import { newLinkToken } from '../publishing/link-tokens';
import type { ServerDatabase } from '../store/schema';
import type { SigningContext } from './signing-context';
import { isTurnOf } from './turn';

/**
 * Sends the held links whose signer's turn has now come (in "company first": every company signer has signed, so each
 * counterparty's link goes out), in the caller's transaction, the one that recorded the signature: a token for each,
 * its message through the outbox, `released_by` the signer whose signature did it. Conditional on the link still being
 * held, so a signature reported again releases nothing twice. Returns how many went out.
 */
export async function releaseDueLinks(trx: Kysely<ServerDatabase>, ctx: Pick<SigningContext, 'now' | 'publicUrl' | 'outbox'>, documentId: string, releasedBy: string): Promise<number> {
  const doc = await trx.selectFrom('published_documents').selectAll().where('id', '=', documentId).executeTakeFirstOrThrow();
  if (doc.state !== 'open') return 0;
  const signers = await trx.selectFrom('published_signers').selectAll().where('document_id', '=', documentId).orderBy('position').execute();
  const held = await trx.selectFrom('signing_links').select(['id', 'signer_id', 'channel']).where('document_id', '=', documentId).where('message_state', '=', 'held').where('revoked_at', 'is', null).execute();
  const due = held.filter((l) => isTurnOf(signers, doc.signing_order, l.signer_id));
  if (due.length === 0) return 0;
  // The publish refused remote signers without an address to write links under; a server restarted without one
  // refuses the release (and with it the signature's report, which the desktop retries) rather than lose the links.
  const publicUrl = ctx.publicUrl();
  if (!publicUrl) throw new ApiError('NO_PUBLIC_URL');
  const at = ctx.now().toISOString();
  const linkDocument = { id: doc.id, title: doc.title, number: doc.number, companyName: doc.company_name, expiresAt: doc.expires_at, message: doc.message, preparerName: doc.preparer_name };
  let released = 0;
  for (const link of due) {
    const token = newLinkToken();
    const updated = await trx
      .updateTable('signing_links')
      .set({ token_hash: token.hash, message_state: 'queued', released_at: at, released_by: releasedBy })
      .where('id', '=', link.id)
      .where('message_state', '=', 'held')
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) continue;
    const signer = signers.find((s) => s.id === link.signer_id)!;
    const channel = link.channel === 'sms' ? 'sms' : 'email';
    await sendLinkMessage(trx, ctx.outbox, { id: link.id, token: token.token, publicUrl }, linkDocument, { name: signer.name, channel, email: signer.email, phone: signer.phone, language: signer.language === 'en' ? 'en' : 'pl' });
    released++;
  }
  return released;
}

import { cancelledMail, declinedMail } from '../../delivery/mail/templates/messages';
import type { NewMessage } from '../../delivery/outbox/enqueue';
import type { ServiceContext } from '../context';
import { companyVoice } from './message-context';
import { signersWithPeople } from '../documents/signer-people';

/**
 * The e-mails a decline or a cancellation sends: built before the change's transaction (they read the store, which
 * the transaction holds) and enqueued inside it, so the notice and the change commit together.
 */
async function documentFacts(ctx: ServiceContext, documentId: string) {
  const doc = await ctx.db
    .selectFrom('documents')
    .innerJoin('users', 'users.id', 'documents.owner_id')
    .select(['documents.title', 'documents.number', 'users.email as owner_email'])
    .where('documents.id', '=', documentId)
    .executeTakeFirstOrThrow();
  return { doc, ...(await companyVoice(ctx)) };
}

/** To the owner, when they have an address: who declined and why. */
export async function declinedNotice(ctx: ServiceContext, documentId: string, signer: string, reason: string): Promise<NewMessage[]> {
  const { doc, company, language } = await documentFacts(ctx, documentId);
  if (!doc.owner_email) return [];
  const content = declinedMail(language, { company, title: doc.title, number: doc.number, signer, reason });
  return [{ channel: 'email', to: doc.owner_email, ...content, documentId, purpose: 'declined', idempotencyKey: `${documentId}:declined` }];
}

/** To each signer who had not signed or declined and has an address: the document was withdrawn. */
export async function cancelledNotices(ctx: ServiceContext, documentId: string): Promise<NewMessage[]> {
  const { doc, company, language } = await documentFacts(ctx, documentId);
  const rows = await signersWithPeople(ctx.db, documentId)
    .select(['users.email as user_email', 'contacts.email as contact_email'])
    .where('document_signers.status', 'not in', ['signed', 'declined'])
    .execute();
  const to = [...new Set(rows.map((r) => r.user_email ?? r.contact_email).filter((e): e is string => Boolean(e)))];
  const content = cancelledMail(language, { company, title: doc.title, number: doc.number });
  return to.map((address) => ({ channel: 'email', to: address, ...content, documentId, purpose: 'cancelled', idempotencyKey: `${documentId}:cancelled:${address}` }));
}

import { isRemoteChannel, type PublishRequest } from '../../../src-shared/company-server/publish';
import { AppError } from '../../../src-shared/contract/errors';
import type { SigningOrder } from '../../../src-shared/signing/order';
import type { ServiceContext } from '../context';
import { summariesOf } from '../documents/document-rows';
import { documentSignerRefs, getDocumentFields } from '../documents/fields-service';
import { companyVoice } from '../signing/message-context';
import { signersWithPeople } from '../documents/signer-people';

/**
 * What the server is told about a sent document: its facts, the file (by hash; the bytes go by upload), the layout,
 * the employee who asks (the owner), and every signer in order with their place, channel and language. A
 * counterparty brings their e-mail address and phone, which the portal sends their identity code to; an employee
 * signs in the app and brings neither. The preparer's values and the pages' sizes go too: the signing page shows
 * them and the server's seal draws them; and each counterparty's country, by which their values are read.
 */
export async function publishPayload(ctx: ServiceContext, documentId: string): Promise<PublishRequest> {
  const doc = await ctx.db.selectFrom('documents').selectAll().where('id', '=', documentId).executeTakeFirst();
  const [summary] = await summariesOf(ctx, [documentId]);
  if (!doc || !summary || !doc.expires_at) throw new AppError('NOT_FOUND', 'documents.notFound');
  const voice = await companyVoice(ctx);
  // "Who asks" on the signer's page: the employee the document belongs to.
  const owner = await ctx.db.selectFrom('users').select('name').where('id', '=', doc.owner_id).executeTakeFirst();
  const rows = await signersWithPeople(ctx.db, documentId)
    .select(['document_signers.id', 'document_signers.side', 'document_signers.channel', 'document_signers.language', 'contacts.email', 'contacts.phone', 'contacts.country'])
    .execute();
  const refs = await documentSignerRefs(ctx.db, documentId);
  const fields = await getDocumentFields(ctx, documentId);
  const names = new Map(summary.signers.map((s) => [s.id, s.name]));
  const language = (doc.send_language as 'pl' | 'en' | null) ?? voice.language;
  return {
    documentId,
    title: doc.title,
    number: doc.number,
    companyName: voice.company,
    ...(owner?.name ? { preparerName: owner.name } : {}),
    fileSha256: doc.original_sha256,
    layout: fields.layout,
    values: fields.values,
    pageSizes: fields.pageSizes,
    signers: rows.map((r) => {
      const side = r.side === 'company' ? ('company' as const) : ('counterparty' as const);
      const channel = (r.channel ?? 'app') as PublishRequest['signers'][number]['channel'];
      const reachable = side === 'counterparty' || isRemoteChannel(channel);
      return {
        id: String(r.id),
        ref: refs.get(r.id)!,
        side,
        name: names.get(r.id) ?? '?',
        ...(reachable && r.email ? { email: r.email } : {}),
        ...(reachable && r.phone ? { phone: r.phone } : {}),
        channel,
        language: (r.language as 'pl' | 'en' | null) ?? language,
        // As signer-country.ts reads it on the desktop: the contact's, else (an employee, or none recorded) PL by default.
        ...(r.country ? { country: r.country } : {}),
      };
    }),
    order: (doc.signing_order ?? 'companyFirst') as SigningOrder,
    expiresAt: doc.expires_at,
    ...(doc.send_message ? { message: doc.send_message } : {}),
  };
}

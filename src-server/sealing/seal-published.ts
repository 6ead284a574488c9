import type { Kysely, Selectable } from 'kysely';
import { defaultAttachLimitMb } from '../../src-shared/delivery/mail-settings';
import { signedCopyMessage } from '../../src-main/delivery/mail/signed-copy';
import type { NewMessage } from '../../src-main/delivery/outbox/enqueue';
import { sealReasonOf, signedFilenameOf } from '../../src-main/services/signing/final-document';
import { appendFeed } from '../feed/feed';
import type { PublishedDocumentTable } from '../store/publishing-schema';
import type { ServerDatabase } from '../store/schema';
import { certificateInputOf } from './certificate-input';
import { composeAndSealWith } from './compose-and-seal';
import type { SealContext } from './seal-context';

export type SealOutcome =
  | { state: 'sealed'; sha256: string; size: number }
  /** Sealed before (by an earlier run, or another one that won the race). */
  | { state: 'alreadySealed'; sha256: string }
  /** Not every signer has signed, or the document was withdrawn, declined or is unknown. */
  | { state: 'notReady' }
  /** All signed, but this server has no seal (`--seal-p12`): it waits for a start with one. */
  | { state: 'noSealer' };

/**
 * The states a fully signed document can be sealed from. An expired one too: every signature came before the date,
 * and the date is about signing, not about the seal that a stopped server owed it.
 */
const sealableStates = ['open', 'expired'];

/** The published documents every signer signed that have no seal yet (of `only`, when given), oldest first: what the sweep seals. */
export async function awaitingSeal(db: Kysely<ServerDatabase>, only?: string): Promise<string[]> {
  let query = db.selectFrom('published_documents as d').select('d.id');
  if (only !== undefined) query = query.where('d.id', '=', only);
  const rows = await query
    .where('d.sealed_sha256', 'is', null)
    .where('d.state', 'in', sealableStates)
    .where(({ exists, not, selectFrom }) => not(exists(selectFrom('published_signers as s').select('s.id').whereRef('s.document_id', '=', 'd.id').where('s.status', '!=', 'signed'))))
    .orderBy('d.created_at')
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Seals a published document once every signer has signed: composes the final PDF as the desktop does (the fields
 * filled, the ID stripe, the certificate of authenticity from the server's records), seals it with the server's
 * certificate, stores it, and then in ONE transaction marks the document completed and sealed, adds the desktop's
 * `sealed` feed row, and queues the signed copy to every party with an address. The update is conditional on no seal
 * yet, so two runs never both seal; a run that loses leaves its file unnamed and removes it.
 */
export async function sealPublished(ctx: SealContext, publishedId: string): Promise<SealOutcome> {
  const doc = await ctx.db.selectFrom('published_documents').selectAll().where('id', '=', publishedId).executeTakeFirst();
  if (doc?.sealed_sha256) return { state: 'alreadySealed', sha256: doc.sealed_sha256 };
  if (!doc || (await awaitingSeal(ctx.db, publishedId)).length === 0) return { state: 'notReady' };
  if (!ctx.sealer) return { state: 'noSealer' };

  const input = await certificateInputOf(ctx, doc);
  const now = ctx.now();
  const run = ctx.composeAndSeal ?? composeAndSealWith(ctx.sealer, ctx.resourcesDir);
  const sealed = await run({ ...input, reason: sealReasonOf(doc.number), signingTime: now });
  const stored = await ctx.files.files.put(sealed);
  const at = now.toISOString();
  const copies = await signedCopies(ctx, doc, { sha256: stored.sha256, size: sealed.length });

  const won = await ctx.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('published_documents')
      .set({ sealed_sha256: stored.sha256, sealed_at: at, state: 'completed', updated_at: at })
      .where('id', '=', publishedId)
      .where('sealed_sha256', 'is', null)
      .where('state', 'in', sealableStates)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) return false;
    await appendFeed(trx, { documentId: publishedId, signerId: null, type: 'sealed', at, details: { sha256: stored.sha256, size: sealed.length } });
    // The idempotency key names each party's copy for good: a document sealed again (it cannot be) sends nothing twice.
    for (const message of copies) await ctx.outbox(trx, message);
    return true;
  });
  if (won) return { state: 'sealed', sha256: stored.sha256, size: sealed.length };

  const settled = await ctx.db.selectFrom('published_documents').select('sealed_sha256').where('id', '=', publishedId).executeTakeFirst();
  if (settled?.sealed_sha256 !== stored.sha256) await ctx.files.files.remove(stored.sha256);
  return settled?.sealed_sha256 ? { state: 'alreadySealed', sha256: settled.sealed_sha256 } : { state: 'notReady' };
}

/**
 * The signed copy for every party the server has an address for: each counterparty, and the company signers whose
 * e-mail the desktop sent. Once per address (one person signing twice, say), in that signer's language, the sealed
 * PDF attached from the server's file store (the outbox reads attachments from it by SHA-256).
 */
async function signedCopies(ctx: Pick<SealContext, 'db'>, doc: Selectable<PublishedDocumentTable>, file: { sha256: string; size: number }): Promise<NewMessage[]> {
  const signers = await ctx.db.selectFrom('published_signers').select(['email', 'language']).where('document_id', '=', doc.id).where('email', 'is not', null).orderBy('position').execute();
  const seen = new Set<string>();
  const messages: NewMessage[] = [];
  for (const s of signers) {
    const to = s.email!;
    if (seen.has(to.toLowerCase())) continue;
    seen.add(to.toLowerCase());
    // No download link to offer instead (each signer's link is their own, and only its hash is kept), so the limit is moot.
    messages.push(
      signedCopyMessage(
        {
          language: s.language === 'en' ? 'en' : 'pl',
          to,
          documentId: doc.id,
          company: doc.company_name,
          title: doc.title,
          number: doc.number,
          file: { ...file, filename: signedFilenameOf(doc.number) },
          idempotencyKey: `${doc.id}:signedCopy:${to.toLowerCase()}`,
        },
        defaultAttachLimitMb,
      ),
    );
  }
  return messages;
}

import type { CertificateSigner } from '../../../src-shared/pdf/certificate';
import { signedCopyEmail } from '../../delivery/mail/signed-copy';
import { enqueue } from '../../delivery/outbox/enqueue';
import { composeDocument } from '../../pdf/compose/compose';
import type { ComposeFields } from '../../pdf/compose/field-check';
import { documentSignerRefs, readDocumentFields } from '../documents/fields-service';
import { nowIso, type ServiceContext } from '../context';
import { appendDocumentEvent, eventFromRow } from '../documents/events';
import { sealWithCompany } from '../identity/company-signer';
import { companyVoice } from './message-context';
import { moveToPhase, systemActor } from './system-move';
import { signersWithPeople } from '../documents/signer-people';
import { sealedByServer } from '../company-server/signature-report';
import { filledFields, sealReasonOf, signedFilenameOf } from './final-document';

/**
 * The last signature is in: compose the final PDF (signatures, ID stripe, certificate of authenticity with the whole
 * history) and seal it with the company's certificate, store it, and only then move the document to Signed. A failure
 * (no company key, say) leaves it where it was, every signature kept, to be completed again once mended.
 */
export async function completeDocument(ctx: ServiceContext, documentId: string): Promise<string> {
  const doc = await ctx.db
    .selectFrom('documents')
    .innerJoin('files', 'files.sha256', 'documents.original_sha256')
    .select(['documents.id', 'documents.number', 'documents.title', 'documents.original_sha256', 'files.size', 'files.page_count'])
    .where('documents.id', '=', documentId)
    .executeTakeFirstOrThrow();
  const { company, language } = await companyVoice(ctx);
  const signerRows = await signersWithPeople(ctx.db, documentId)
    .select([
      'document_signers.side',
      'document_signers.signed_at',
      'document_signers.identity_check',
      'document_signers.signature_sha256',
      'users.name as user_name',
      'users.email as user_email',
      'contacts.first_name',
      'contacts.last_name',
      'contacts.email as contact_email',
      'contacts.phone as contact_phone',
    ])
    .execute();
  const signers: CertificateSigner[] = [];
  for (const s of signerRows) {
    signers.push({
      name: s.user_name ?? `${s.first_name ?? ''} ${s.last_name ?? ''}`.trim(),
      side: s.side as CertificateSigner['side'],
      email: s.user_email ?? s.contact_email ?? undefined,
      phone: s.contact_phone ?? undefined,
      identityCheck: s.identity_check ?? 'appLogin',
      signedAt: s.signed_at ?? '',
      signaturePng: s.signature_sha256 ? await ctx.files.read(s.signature_sha256) : undefined,
    });
  }
  const events = (await ctx.db.selectFrom('document_events').selectAll().where('document_id', '=', documentId).orderBy('seq').execute()).map(eventFromRow);
  const original = await ctx.files.read(doc.original_sha256);
  const fields = await filledFieldsOf(ctx, documentId);
  const { bytes: composed } = await composeDocument(
    original,
    {
      documentId: doc.id,
      documentNumber: doc.number,
      title: doc.title,
      companyName: company,
      originalSha256: doc.original_sha256,
      originalSize: doc.size,
      originalPages: doc.page_count ?? 0,
      signers,
      events,
      language,
    },
    ctx.resourcesDir,
    { fields },
  );
  const sealed = await sealWithCompany(ctx, composed, { reason: sealReasonOf(doc.number), signingTime: ctx.now() });
  const stored = await ctx.files.put(sealed);
  const at = nowIso(ctx);
  const recipients = [...new Set(signerRows.map((r) => r.user_email ?? r.contact_email).filter((e): e is string => Boolean(e)))];
  const filename = signedFilenameOf(doc.number);
  // Built before the transaction: they read the mail settings, and the transaction holds the store's one connection.
  const copies = await Promise.all(
    recipients.map((to) =>
      signedCopyEmail(ctx, {
        language,
        to,
        documentId,
        company,
        title: doc.title,
        number: doc.number,
        file: { sha256: stored.sha256, size: sealed.length, filename },
        idempotencyKey: `${documentId}:signedCopy:${to}`,
      }),
    ),
  );
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('files')
      .values({ sha256: stored.sha256, size: sealed.length, media_type: 'application/pdf', created_at: at, page_count: null, page_sizes: null })
      .onConflict((oc) => oc.column('sha256').doNothing())
      .execute();
    await trx.updateTable('documents').set({ sealed_sha256: stored.sha256 }).where('id', '=', documentId).execute();
    await appendDocumentEvent(trx, documentId, { at, type: 'sealed', actor: systemActor, details: { sha256: stored.sha256 } });
    await moveToPhase(trx, documentId, 'signed', at, 'sealed');
    // Every party gets the sealed PDF, queued with the move so neither happens without the other; the key makes a
    // repeated completion send nothing twice.
    for (const message of copies) await enqueue(ctx, message, trx);
  });
  ctx.events.publish({ type: 'documentsChanged', ids: [documentId] });
  return stored.sha256;
}

/**
 * Documents every signer signed that are still waiting for their seal (it failed: no company key yet, a full disk):
 * sealed now. One that fails again stays for the next sweep; the others go on. One published to the company server
 * is sealed there and waits for that seal (sealedByServer).
 */
export async function completePending(ctx: ServiceContext): Promise<string[]> {
  const waiting = await ctx.db
    .selectFrom('documents')
    .innerJoin('document_stages', 'document_stages.id', 'documents.stage_id')
    .select('documents.id')
    .where('document_stages.phase', 'in', ['companySigning', 'counterpartySigning'])
    .where('documents.sealed_sha256', 'is', null)
    .where('documents.signing_order', 'is not', null)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('document_signers').select('document_signers.id').whereRef('document_signers.document_id', '=', 'documents.id').where('document_signers.status', '!=', 'signed'))),
    )
    .execute();
  const sealed: string[] = [];
  for (const { id } of waiting) {
    if (await sealedByServer(ctx.db, id)) continue;
    try {
      await completeDocument(ctx, id);
      sealed.push(id);
    } catch (error) {
      ctx.log.error('sealing a fully signed document failed; retried at the next sweep', error, { documentId: id });
    }
  }
  return sealed;
}

/** The layout with every value in it: the preparer's, then each signer's as they signed (signature images, date). */
async function filledFieldsOf(ctx: ServiceContext, documentId: string): Promise<ComposeFields | undefined> {
  const [{ layout, values: preset }, refs] = await Promise.all([readDocumentFields(ctx.db, documentId), documentSignerRefs(ctx.db, documentId)]);
  if (layout.fields.length === 0) return undefined;
  const rows = await ctx.db
    .selectFrom('signer_values')
    .innerJoin('document_signers', 'document_signers.id', 'signer_values.signer_id')
    .leftJoin('contacts', 'contacts.id', 'document_signers.contact_id')
    .select(['signer_values.signer_id', 'signer_values.field_id', 'signer_values.value', 'contacts.country'])
    .where('document_signers.document_id', '=', documentId)
    .execute();
  return filledFields(layout, preset, rows.map((row) => ({ ref: refs.get(row.signer_id), fieldId: row.field_id, value: row.value, country: row.country })));
}

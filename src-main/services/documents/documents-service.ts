import { AppError } from '../../../src-shared/contract/errors';
import { checkMove, type Phase, type SigningFacts } from '../../../src-shared/documents/lifecycle';
import type { DocumentDetail, DocumentSummary, NewDocument } from '../../../src-shared/documents/types';
import { currentUser } from '../app/app-service';
import { nowIso, type ServiceContext } from '../context';
import { summariesOf } from './document-rows';
import { appendDocumentEvent, chainHolds, eventFromRow } from './events';
import { nextDocumentNumber } from './numbering';
import { readSendPlan } from './read-send-plan';
import { reindexDocument } from './search-index';
import { checkSigners, signerRows } from './signer-checks';

/**
 * Creates a document in the first Draft stage from an original already in the file store (`pdf.import`), with its
 * signers, and starts its history with a "created" event. Numbered in the same transaction, so numbers never repeat.
 */
export async function createDocument(ctx: ServiceContext, input: NewDocument): Promise<DocumentDetail> {
  const owner = await currentUser(ctx);
  const file = await ctx.db.selectFrom('files').select('sha256').where('sha256', '=', input.fileSha256).executeTakeFirst();
  if (!file) throw new AppError('NOT_FOUND', 'documents.fileMissing');
  await checkSigners(ctx, input.companySignerIds, input.counterpartyContactIds);
  const draft = await ctx.db.selectFrom('document_stages').select('id').where('phase', '=', 'draft').orderBy('position').limit(1).executeTakeFirstOrThrow();

  const id = ctx.newId();
  const at = nowIso(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const number = await nextDocumentNumber(trx, ctx.now());
    await trx
      .insertInto('documents')
      .values({
        id,
        title: input.title,
        number,
        original_sha256: input.fileSha256,
        original_name: input.originalName,
        owner_id: owner.id,
        created_at: at,
        updated_at: at,
        stage_id: draft.id,
        amount_minor: input.amountMinor ?? null,
        currency: input.amountMinor !== undefined ? (input.currency ?? 'PLN') : null,
        due_date: input.dueDate ?? null,
        department: input.department ?? null,
        sealed_sha256: null,
      })
      .execute();
    const signers = signerRows(input.companySignerIds, input.counterpartyContactIds);
    if (signers.length) await trx.insertInto('document_signers').values(signers.map((s, position) => ({ ...s, document_id: id, position, signed_at: null }))).execute();
    const tags = [...new Set(input.tags)];
    if (tags.length) await trx.insertInto('document_tags').values(tags.map((tag) => ({ document_id: id, tag }))).execute();
    await appendDocumentEvent(trx, id, { at, type: 'created', actor: owner.name, details: { number } });
    await reindexDocument(trx, id);
  });
  ctx.events.publish({ type: 'documentsChanged', ids: [id] });
  return getDocument(ctx, id);
}

export async function getDocument(ctx: ServiceContext, id: string): Promise<DocumentDetail> {
  const [summary] = await summariesOf(ctx, [id]);
  const row = await ctx.db.selectFrom('documents').select(['original_sha256', 'original_name', 'sealed_sha256']).where('id', '=', id).executeTakeFirst();
  if (!summary || !row) throw new AppError('NOT_FOUND', 'documents.notFound');
  const events = (await ctx.db.selectFrom('document_events').selectAll().where('document_id', '=', id).orderBy('seq').execute()).map(eventFromRow);
  return {
    ...summary,
    originalSha256: row.original_sha256,
    originalName: row.original_name,
    ...(row.sealed_sha256 ? { sealedSha256: row.sealed_sha256 } : {}),
    events,
    chainIntact: chainHolds(events),
    sendPlan: await readSendPlan(ctx.db, id),
  };
}

function signingFacts(doc: DocumentSummary): SigningFacts {
  const side = (s: 'company' | 'counterparty') => doc.signers.filter((x) => x.side === s);
  const signed = (s: 'company' | 'counterparty') => side(s).filter((x) => x.status === 'signed').length;
  return { companySigners: side('company').length, companySigned: signed('company'), counterpartySigners: side('counterparty').length, counterpartySigned: signed('counterparty') };
}

/**
 * A person's move of a card to another stage. Refused with the reason when the lifecycle forbids it (it would claim a
 * signature that did not happen), and when the document changed since the person's board last showed it.
 */
export async function moveDocument(ctx: ServiceContext, input: { id: string; stageId: string; version: number }): Promise<DocumentSummary> {
  const user = await currentUser(ctx);
  const [doc] = await summariesOf(ctx, [input.id]);
  if (!doc) throw new AppError('NOT_FOUND', 'documents.notFound');
  const target = await ctx.db.selectFrom('document_stages').select(['id', 'phase']).where('id', '=', input.stageId).executeTakeFirst();
  if (!target) throw new AppError('NOT_FOUND', 'stages.notFound');
  if (doc.version !== input.version) throw new AppError('VALIDATION', 'documents.changedMeanwhile', { version: doc.version });
  if (doc.stageId === target.id) return doc;
  const check = checkMove(doc.phase, target.phase as Phase, signingFacts(doc));
  if (!check.ok) throw new AppError('VALIDATION', check.messageKey, { from: doc.phase, to: target.phase });
  const at = nowIso(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    const updated = await trx
      .updateTable('documents')
      .set((eb) => ({ stage_id: target.id, updated_at: at, version: eb('version', '+', 1) }))
      .where('id', '=', doc.id)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) !== 1) throw new AppError('VALIDATION', 'documents.changedMeanwhile');
    await appendDocumentEvent(trx, doc.id, { at, type: 'stageMoved', actor: user.name, details: { from: doc.stageId, to: target.id, by: user.id } });
  });
  ctx.events.publish({ type: 'documentsChanged', ids: [doc.id] });
  const [moved] = await summariesOf(ctx, [doc.id]);
  return moved!;
}

/** The PDF bytes behind a document, read back from the file store (which proves them unchanged by their hash). */
export async function documentFile(ctx: ServiceContext, input: { id: string; which: 'original' | 'sealed' }): Promise<{ name: string; data: string }> {
  const row = await ctx.db.selectFrom('documents').select(['original_sha256', 'original_name', 'sealed_sha256', 'number']).where('id', '=', input.id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', 'documents.notFound');
  const sha = input.which === 'sealed' ? row.sealed_sha256 : row.original_sha256;
  if (!sha) throw new AppError('NOT_FOUND', 'documents.notSealedYet');
  const bytes = await ctx.files.read(sha);
  const name = input.which === 'sealed' ? `${row.number.replace(/[^\w-]+/g, '-')}-signed.pdf` : row.original_name;
  return { name, data: Buffer.from(bytes).toString('base64') };
}

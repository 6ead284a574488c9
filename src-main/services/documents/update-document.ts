import type { DocumentDetail, DocumentUpdate } from '../../../src-shared/documents/types';
import { currentUser } from '../app/app-service';
import { nowIso, type ServiceContext } from '../context';
import { getDocument } from './documents-service';
import { draftAtVersion, writeAtVersion } from './draft-at-version';
import { appendDocumentEvent } from './events';
import { reindexDocument } from './search-index';
import { checkSigners, signerRows } from './signer-checks';

/**
 * Changes a Draft the wizard is preparing: its title, amount, due date, tags and signers. Only a Draft: once sent,
 * the signers were asked to sign exactly this. The history records what changed (not the values, which the document
 * itself shows). Fields keep their signer references by side and place, so removing a signer leaves the fields of a
 * place that no longer exists for the editor to report; saving the layout refuses them.
 */
export async function updateDocument(ctx: ServiceContext, input: DocumentUpdate): Promise<DocumentDetail> {
  const user = await currentUser(ctx);
  const doc = await draftAtVersion(ctx, input.id, input.version);

  const side = (s: 'company' | 'counterparty') => doc.signers.filter((x) => x.side === s);
  const companyIds = input.companySignerIds ?? side('company').map((s) => s.userId!);
  const contactIds = input.counterpartyContactIds ?? side('counterparty').map((s) => s.contactId!);
  const signersChange =
    companyIds.join() !== side('company').map((s) => s.userId).join() || contactIds.join() !== side('counterparty').map((s) => s.contactId).join();
  if (signersChange) await checkSigners(ctx, companyIds, contactIds);

  const amount = input.amountMinor ?? doc.amountMinor ?? null;
  // A currency means nothing without an amount, as when a document is created.
  const currency = amount === null ? null : (input.currency ?? doc.currency ?? 'PLN');
  const title = input.title ?? doc.title;
  const due = input.dueDate ?? doc.dueDate ?? null;
  const columns = {
    ...(title !== doc.title ? { title } : {}),
    ...(amount !== (doc.amountMinor ?? null) || currency !== (doc.currency ?? null) ? { amount_minor: amount, currency } : {}),
    ...(due !== (doc.dueDate ?? null) ? { due_date: due } : {}),
  };
  const tags = input.tags ? [...new Set(input.tags)] : undefined;
  const tagsChange = tags !== undefined && tags.join() !== doc.tags.join();
  const changed = [...Object.keys(columns).map((c) => ({ amount_minor: 'amount', due_date: 'dueDate' })[c] ?? c).filter((c) => c !== 'currency'), ...(signersChange ? ['signers'] : []), ...(tagsChange ? ['tags'] : [])];
  if (changed.length === 0) return getDocument(ctx, doc.id);

  const at = nowIso(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    await writeAtVersion(trx, doc.id, input.version, columns, at);
    if (signersChange) {
      // A Draft's signer rows hold nothing yet but the channel the wizard saved (no status or values), so they are
      // replaced, not edited; a person who stays keeps their channel.
      const old = await trx.selectFrom('document_signers').select(['user_id', 'contact_id', 'channel']).where('document_id', '=', doc.id).execute();
      const channelOf = new Map(old.map((s) => [s.user_id ?? s.contact_id, s.channel]));
      await trx.deleteFrom('document_signers').where('document_id', '=', doc.id).execute();
      const rows = signerRows(companyIds, contactIds);
      if (rows.length) {
        await trx
          .insertInto('document_signers')
          .values(rows.map((s, position) => ({ ...s, document_id: doc.id, position, signed_at: null, channel: channelOf.get(s.user_id ?? s.contact_id) ?? null })))
          .execute();
      }
    }
    if (tags && tagsChange) {
      await trx.deleteFrom('document_tags').where('document_id', '=', doc.id).execute();
      if (tags.length) await trx.insertInto('document_tags').values(tags.map((tag) => ({ document_id: doc.id, tag }))).execute();
    }
    await appendDocumentEvent(trx, doc.id, { at, type: 'updated', actor: user.name, details: { changed: changed.join(',') } });
    await reindexDocument(trx, doc.id);
  });
  ctx.events.publish({ type: 'documentsChanged', ids: [doc.id] });
  return getDocument(ctx, doc.id);
}

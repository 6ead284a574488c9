import type { Transaction } from 'kysely';
import type { Database } from '../../store/schema';

/**
 * Rewrites one document's row of the full-text index (title, number, counterparties' names, companies and tax IDs,
 * tags) in the transaction that changed it, so a search never finds what the board no longer shows.
 */
export async function reindexDocument(trx: Transaction<Database>, documentId: string, options: { isNew?: boolean } = {}): Promise<void> {
  const doc = await trx.selectFrom('documents').select(['title', 'number']).where('id', '=', documentId).executeTakeFirst();
  // The index is searched by its text, not by document: removing a document's row reads the whole index. A document
  // just inserted has none (a first sync inserts thousands), so it is skipped then.
  if (!options.isNew) await trx.deleteFrom('documents_fts').where('document_id', '=', documentId).execute();
  if (!doc) return;
  const parties = await trx
    .selectFrom('document_signers')
    .innerJoin('contacts', 'contacts.id', 'document_signers.contact_id')
    .select(['contacts.first_name', 'contacts.last_name', 'contacts.company_name', 'contacts.tax_id'])
    .where('document_signers.document_id', '=', documentId)
    .execute();
  const tags = await trx.selectFrom('document_tags').select('tag').where('document_id', '=', documentId).execute();
  await trx.insertInto('documents_fts').values(searchRow(documentId, doc, parties, tags.map((t) => t.tag))).execute();
}

export interface SearchParty {
  first_name: string;
  last_name: string;
  company_name: string | null;
  tax_id: string | null;
}

/** One document's row of the index; the number's slashes become spaces so "0042" finds UM/2026/11/0042. */
export function searchRow(documentId: string, doc: { title: string; number: string }, parties: readonly SearchParty[], tags: readonly string[]): Database['documents_fts'] {
  return {
    document_id: documentId,
    title: doc.title,
    number: doc.number.replace(/\//g, ' '),
    parties: parties.map((p) => [p.first_name, p.last_name, p.company_name, p.tax_id].filter(Boolean).join(' ')).join(' · '),
    tags: tags.join(' '),
  };
}

/**
 * A person's words as an FTS5 query: each word a prefix match (as they type), quoted so that operators and punctuation
 * in what they typed are only text. Null when nothing searchable remains.
 */
export function ftsQuery(text: string): string | null {
  const words = text.normalize('NFC').split(/[\s/]+/).map((w) => w.replace(/["*]/g, '')).filter(Boolean).slice(0, 8);
  return words.length === 0 ? null : words.map((w) => `"${w}"*`).join(' ');
}

import type { Phase } from '../../../src-shared/documents/lifecycle';
import type { DocumentSigner, DocumentSummary, SignerStatus } from '../../../src-shared/documents/types';
import type { ServiceContext } from '../context';

/**
 * Cards for a set of documents in three queries (documents, their signers, their tags), whatever the number of ids:
 * the board asks for a column's page at a time, never one query per card.
 */
export async function summariesOf(ctx: ServiceContext, ids: readonly string[]): Promise<DocumentSummary[]> {
  if (ids.length === 0) return [];
  const [docs, signers, tags] = await Promise.all([
    ctx.db
      .selectFrom('documents')
      .innerJoin('document_stages', 'document_stages.id', 'documents.stage_id')
      .innerJoin('users', 'users.id', 'documents.owner_id')
      .select([
        'documents.id', 'documents.title', 'documents.number', 'documents.stage_id', 'document_stages.phase', 'documents.amount_minor',
        'documents.currency', 'documents.due_date', 'documents.owner_id', 'users.name as owner_name', 'documents.department',
        'documents.created_at', 'documents.updated_at', 'documents.version',
      ])
      .where('documents.id', 'in', ids)
      .execute(),
    ctx.db
      .selectFrom('document_signers')
      .leftJoin('contacts', 'contacts.id', 'document_signers.contact_id')
      .leftJoin('users', 'users.id', 'document_signers.user_id')
      .select([
        'document_signers.id', 'document_signers.document_id', 'document_signers.side', 'document_signers.user_id', 'document_signers.contact_id',
        'document_signers.status', 'document_signers.signed_at', 'contacts.first_name', 'contacts.last_name', 'contacts.company_name', 'users.name as user_name',
      ])
      .where('document_signers.document_id', 'in', ids)
      .orderBy('document_signers.position')
      .execute(),
    ctx.db.selectFrom('document_tags').select(['document_id', 'tag']).where('document_id', 'in', ids).orderBy('tag').execute(),
  ]);
  const byId = new Map(docs.map((d) => [d.id, d]));
  const signersById = groupBy(signers, (s) => s.document_id);
  const tagsById = groupBy(tags, (t) => t.document_id);
  return ids.flatMap((id) => {
    const d = byId.get(id);
    if (!d) return [];
    const signersOf: DocumentSigner[] = (signersById.get(id) ?? [])
      .map((s) => ({
        id: s.id,
        side: s.side === 'company' ? 'company' : 'counterparty',
        ...(s.user_id ? { userId: s.user_id } : {}),
        ...(s.contact_id ? { contactId: s.contact_id } : {}),
        name: s.user_name ?? [s.first_name, s.last_name].filter(Boolean).join(' '),
        ...(s.company_name ? { companyName: s.company_name } : {}),
        status: s.status as SignerStatus,
        ...(s.signed_at ? { signedAt: s.signed_at } : {}),
      }));
    return [
      {
        id: d.id,
        title: d.title,
        number: d.number,
        stageId: d.stage_id ?? '',
        phase: d.phase as Phase,
        ...(d.amount_minor !== null ? { amountMinor: d.amount_minor } : {}),
        ...(d.currency ? { currency: d.currency } : {}),
        ...(d.due_date ? { dueDate: d.due_date } : {}),
        ownerId: d.owner_id,
        ownerName: d.owner_name,
        ...(d.department ? { department: d.department } : {}),
        tags: (tagsById.get(id) ?? []).map((t) => t.tag),
        signers: signersOf,
        createdAt: d.created_at,
        updatedAt: d.updated_at,
        version: d.version,
      },
    ];
  });
}

/** Rows by a key, in their order. */
export function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

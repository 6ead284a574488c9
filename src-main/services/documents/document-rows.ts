import type { Phase } from '../../../src-shared/documents/lifecycle';
import type { DocumentSigner, DocumentSummary, SignerStatus } from '../../../src-shared/documents/types';
import type { ServiceContext } from '../context';

/**
 * Cards for a set of documents in a handful of queries (documents, their signers, their tags, then the people and
 * stages they name), whatever the number of ids: the board asks for a column's page at a time, never one query per
 * card. Names are read once per person rather than joined to every signer and document: the few people of a page of
 * cards would otherwise be copied out of SQLite once per row.
 */
export async function summariesOf(ctx: ServiceContext, ids: readonly string[]): Promise<DocumentSummary[]> {
  if (ids.length === 0) return [];
  const [docs, signers, tags] = await Promise.all([
    ctx.db
      .selectFrom('documents')
      .select([
        'documents.id', 'documents.title', 'documents.number', 'documents.stage_id', 'documents.amount_minor', 'documents.currency', 'documents.due_date',
        'documents.owner_id', 'documents.department', 'documents.created_at', 'documents.updated_at', 'documents.version',
      ])
      .where('documents.id', 'in', ids)
      .execute(),
    ctx.db
      .selectFrom('document_signers')
      .select(['id', 'document_id', 'side', 'user_id', 'contact_id', 'status', 'signed_at'])
      .where('document_id', 'in', ids)
      // The (document, position) index gives this order without a sort; each document's signers stay in their order.
      .orderBy('document_id')
      .orderBy('position')
      .execute(),
    ctx.db.selectFrom('document_tags').select(['document_id', 'tag']).where('document_id', 'in', ids).orderBy('tag').execute(),
  ]);
  const userIds = [...new Set([...docs.map((d) => d.owner_id), ...signers.flatMap((s) => (s.user_id ? [s.user_id] : []))])];
  const contactIds = [...new Set(signers.flatMap((s) => (s.contact_id ? [s.contact_id] : [])))];
  const [stages, users, contacts] = await Promise.all([
    ctx.db.selectFrom('document_stages').select(['id', 'phase']).execute(),
    userIds.length ? ctx.db.selectFrom('users').select(['id', 'name']).where('id', 'in', userIds).execute() : [],
    contactIds.length ? ctx.db.selectFrom('contacts').select(['id', 'first_name', 'last_name', 'company_name']).where('id', 'in', contactIds).execute() : [],
  ]);
  const phaseOf = new Map(stages.map((s) => [s.id, s.phase]));
  const userName = new Map(users.map((u) => [u.id, u.name]));
  const contactById = new Map(contacts.map((c) => [c.id, c]));
  const byId = new Map(docs.map((d) => [d.id, d]));
  const signersById = groupBy(signers, (s) => s.document_id);
  const tagsById = groupBy(tags, (t) => t.document_id);
  return ids.flatMap((id) => {
    const d = byId.get(id);
    const phase = d?.stage_id ? phaseOf.get(d.stage_id) : undefined;
    const owner = d ? userName.get(d.owner_id) : undefined;
    // A document always has a stage and an owner; one without either is not shown, as the joins this replaced did.
    if (!d || !phase || owner === undefined) return [];
    const signersOf: DocumentSigner[] = (signersById.get(id) ?? [])
      .map((s) => {
        const contact = s.contact_id ? contactById.get(s.contact_id) : undefined;
        return {
          id: s.id,
          side: s.side === 'company' ? 'company' : 'counterparty',
          ...(s.user_id ? { userId: s.user_id } : {}),
          ...(s.contact_id ? { contactId: s.contact_id } : {}),
          name: (s.user_id ? userName.get(s.user_id) : undefined) ?? [contact?.first_name, contact?.last_name].filter(Boolean).join(' '),
          ...(contact?.company_name ? { companyName: contact.company_name } : {}),
          status: s.status as SignerStatus,
          ...(s.signed_at ? { signedAt: s.signed_at } : {}),
        };
      });
    return [
      {
        id: d.id,
        title: d.title,
        number: d.number,
        stageId: d.stage_id ?? '',
        phase: phase as Phase,
        ...(d.amount_minor !== null ? { amountMinor: d.amount_minor } : {}),
        ...(d.currency ? { currency: d.currency } : {}),
        ...(d.due_date ? { dueDate: d.due_date } : {}),
        ownerId: d.owner_id,
        ownerName: owner,
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

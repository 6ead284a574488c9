import { sql } from 'kysely';
import type { Phase } from '../../../src-shared/documents/lifecycle';
import type { DocumentSigner, DocumentSummary, SignerStatus } from '../../../src-shared/documents/types';
import type { ServiceContext } from '../context';

/** One signer as the cards' query hands it over, inside a JSON array: id, side, user, contact, status, signed at. */
type SignerTuple = [number, string, string | null, string | null, string, string | null];

/**
 * Cards for a set of documents in two rounds whatever the number of ids (the board asks for a column's page at a
 * time, never one query per card): the documents with their signers and tags as JSON arrays built by SQLite, then
 * the stages, people and contacts they name. Each signer or tag as a row of its own, or each person's name joined to
 * every row, costs more in copying values out of SQLite than the query itself.
 */
export async function summariesOf(ctx: ServiceContext, ids: readonly string[]): Promise<DocumentSummary[]> {
  if (ids.length === 0) return [];
  const docs = await ctx.db
    .selectFrom('documents')
    .select([
      'documents.id', 'documents.title', 'documents.number', 'documents.stage_id', 'documents.amount_minor', 'documents.currency', 'documents.due_date',
      'documents.owner_id', 'documents.department', 'documents.created_at', 'documents.updated_at', 'documents.version',
      sql<string>`(select json_group_array(json_array(s.id, s.side, s.user_id, s.contact_id, s.status, s.signed_at) order by s.position, s.id)
        from document_signers s where s.document_id = documents.id)`.as('signers'),
      sql<string>`(select json_group_array(t.tag order by t.tag) from document_tags t where t.document_id = documents.id)`.as('tags'),
    ])
    .where('documents.id', 'in', ids)
    .execute();
  const signersById = new Map(
    docs.map((d) => [d.id, (JSON.parse(d.signers) as SignerTuple[]).map(([id, side, userId, contactId, status, signedAt]) => ({ id, side, userId, contactId, status, signedAt }))]),
  );
  const signers = [...signersById.values()].flat();
  const userIds = [...new Set([...docs.map((d) => d.owner_id), ...signers.flatMap((s) => (s.userId ? [s.userId] : []))])];
  const contactIds = [...new Set(signers.flatMap((s) => (s.contactId ? [s.contactId] : [])))];
  const [stages, users, contacts] = await Promise.all([
    ctx.db.selectFrom('document_stages').select(['id', 'phase']).execute(),
    userIds.length ? ctx.db.selectFrom('users').select(['id', 'name']).where('id', 'in', userIds).execute() : [],
    contactIds.length ? ctx.db.selectFrom('contacts').select(['id', 'first_name', 'last_name', 'company_name']).where('id', 'in', contactIds).execute() : [],
  ]);
  const phaseOf = new Map(stages.map((s) => [s.id, s.phase]));
  const userName = new Map(users.map((u) => [u.id, u.name]));
  const contactById = new Map(contacts.map((c) => [c.id, c]));
  const byId = new Map(docs.map((d) => [d.id, d]));
  return ids.flatMap((id) => {
    const d = byId.get(id);
    const phase = d?.stage_id ? phaseOf.get(d.stage_id) : undefined;
    const owner = d ? userName.get(d.owner_id) : undefined;
    // A document always has a stage and an owner; one without either is not shown, as the joins this replaced did.
    if (!d || !phase || owner === undefined) return [];
    const signersOf: DocumentSigner[] = (signersById.get(id) ?? [])
      .map((s) => {
        const contact = s.contactId ? contactById.get(s.contactId) : undefined;
        return {
          id: s.id,
          side: s.side === 'company' ? 'company' : 'counterparty',
          ...(s.userId ? { userId: s.userId } : {}),
          ...(s.contactId ? { contactId: s.contactId } : {}),
          name: (s.userId ? userName.get(s.userId) : undefined) ?? [contact?.first_name, contact?.last_name].filter(Boolean).join(' '),
          ...(contact?.company_name ? { companyName: contact.company_name } : {}),
          status: s.status as SignerStatus,
          ...(s.signedAt ? { signedAt: s.signedAt } : {}),
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
        tags: JSON.parse(d.tags) as string[],
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

import { sql, type Kysely } from 'kysely';
import type { DocumentFacts } from '../../src-shared/automation/conditions';
import type { Database } from '../store/schema';

/** The document as a condition reads it, or null when it is gone. */
export async function factsOf(db: Kysely<Database>, id: string): Promise<(DocumentFacts & { stageId: string | null }) | null> {
  const doc = await db.selectFrom('documents').select(['title', 'amount_minor', 'currency', 'department', 'owner_id', 'due_date', 'stage_id']).where('id', '=', id).executeTakeFirst();
  if (!doc) return null;
  const tags = await db.selectFrom('document_tags').select('tag').where('document_id', '=', id).execute();
  const counterparties = await db.selectFrom('document_signers').select(sql<number>`count(*)`.as('n')).where('document_id', '=', id).where('side', '=', 'counterparty').executeTakeFirstOrThrow();
  return {
    title: doc.title,
    ...(doc.amount_minor !== null ? { amountMinor: doc.amount_minor } : {}),
    ...(doc.currency ? { currency: doc.currency } : {}),
    ...(doc.department ? { department: doc.department } : {}),
    ...(doc.due_date ? { dueDate: doc.due_date } : {}),
    ownerId: doc.owner_id,
    tags: tags.map((t) => t.tag),
    counterparties: Number(counterparties.n),
    stageId: doc.stage_id,
  };
}

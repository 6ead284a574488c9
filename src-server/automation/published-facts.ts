import type { Kysely } from 'kysely';
import type { EngineFacts } from '../../src-main/automation/engine/host';
import { signingFactsOf, type SigningFacts } from '../../src-shared/documents/lifecycle';
import type { ServerDatabase } from '../store/schema';
import { syncedRecords } from './synced-pipeline';

/*
 * A published document as the server's engine reads it (issue 9): its fields from the record its desktops synced
 * here (amount, department, tags, owner…), falling back on what the publication itself says; its stage the one the
 * server takes the card to be in. Only a document handed to the server's automation is read: any other is the
 * desktop's to automate, and reads as gone.
 */

export interface PublishedAutomation {
  id: string;
  desktopDocumentId: string;
  title: string;
  number: string;
  stage: string | null;
  stageAt: string | null;
  state: string;
  signingOrder: string;
  sealed: boolean;
  /** What the server's own actions changed, not yet back by sync: its later rules see it, as a desktop's would. */
  addedTags: { tags: string[]; at: string } | null;
  setOwner: { id: string; at: string } | null;
}

export async function automatedPublication(db: Kysely<ServerDatabase>, publishedId: string): Promise<PublishedAutomation | null> {
  const doc = await db
    .selectFrom('published_documents')
    .select(['id', 'desktop_document_id', 'title', 'number', 'automation', 'automation_stage', 'automation_stage_at', 'state', 'signing_order', 'sealed_sha256', 'automation_tags', 'automation_owner'])
    .where('id', '=', publishedId)
    .executeTakeFirst();
  // Withdrawn by its desktop (cancelled there): that desktop automates it again.
  if (!doc || doc.automation !== 'server' || doc.state === 'cancelled') return null;
  return {
    id: doc.id,
    desktopDocumentId: doc.desktop_document_id,
    title: doc.title,
    number: doc.number,
    stage: doc.automation_stage,
    stageAt: doc.automation_stage_at,
    state: doc.state,
    signingOrder: doc.signing_order,
    sealed: doc.sealed_sha256 !== null,
    addedTags: doc.automation_tags ? (JSON.parse(doc.automation_tags) as { tags: string[]; at: string }) : null,
    setOwner: doc.automation_owner ? (JSON.parse(doc.automation_owner) as { id: string; at: string }) : null,
  };
}

const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);

export async function publishedFacts(db: Kysely<ServerDatabase>, publishedId: string): Promise<EngineFacts | null> {
  const doc = await automatedPublication(db, publishedId);
  return doc ? factsOfPublication(db, doc) : null;
}

/** The facts of a publication already read. */
export async function factsOfPublication(db: Kysely<ServerDatabase>, doc: PublishedAutomation): Promise<EngineFacts> {
  const publishedId = doc.id;
  const record = (await syncedRecords(db, 'document', [], [doc.desktopDocumentId])).get(doc.desktopDocumentId) ?? {};
  const signers = await db.selectFrom('published_signers').select('side').where('document_id', '=', publishedId).execute();
  const tags = parsedTags(record.tags);
  return {
    title: text(record.title) ?? doc.title,
    ...(typeof record.amount_minor === 'number' ? { amountMinor: record.amount_minor } : {}),
    ...(text(record.currency) ? { currency: text(record.currency) } : {}),
    ...(text(record.department) ? { department: text(record.department) } : {}),
    ...(text(record.due_date) ? { dueDate: text(record.due_date) } : {}),
    ownerId: doc.setOwner?.id ?? text(record.owner_id) ?? '',
    tags: [...new Set([...tags, ...(doc.addedTags?.tags ?? [])])],
    counterparties: signers.filter((s) => s.side === 'counterparty').length,
    stageId: doc.stage,
  };
}

/** The record's tags (a JSON list in a text field, as desktops sync it); a value that does not read is none. */
function parsedTags(value: unknown): string[] {
  try {
    const tags = typeof value === 'string' ? (JSON.parse(value) as unknown) : [];
    return Array.isArray(tags) ? tags.filter((t): t is string => typeof t === 'string') : [];
  } catch {
    return [];
  }
}

/** Who has signed, as the lifecycle's move rules count it. */
export async function publishedSigningFacts(db: Kysely<ServerDatabase>, publishedId: string): Promise<SigningFacts> {
  return signingFactsOf(await db.selectFrom('published_signers').select(['side', 'status']).where('document_id', '=', publishedId).execute());
}

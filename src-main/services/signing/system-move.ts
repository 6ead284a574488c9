import type { Transaction } from 'kysely';
import type { Phase } from '../../../src-shared/documents/lifecycle';
import type { Database } from '../../store/schema';
import { appendDocumentEvent } from '../documents/events';

/** Who the history names for what the app does by itself (a signature moved the document, the deadline passed). */
export const systemActor = 'Signet';

/**
 * Moves a document to the company's first stage of a phase because of what happened (a signature, a decline, the
 * deadline), not by a person's drag: the manual transition table does not apply, the event says why.
 */
export async function moveToPhase(trx: Transaction<Database>, documentId: string, phase: Phase, at: string, reason: string, more: Record<string, string> = {}): Promise<void> {
  const doc = await trx
    .selectFrom('documents')
    .innerJoin('document_stages', 'document_stages.id', 'documents.stage_id')
    .select(['documents.stage_id', 'document_stages.phase'])
    .where('documents.id', '=', documentId)
    .executeTakeFirstOrThrow();
  if (doc.phase === phase) return;
  const target = await trx.selectFrom('document_stages').select('id').where('phase', '=', phase).orderBy('position').limit(1).executeTakeFirstOrThrow();
  await trx
    .updateTable('documents')
    .set((eb) => ({ stage_id: target.id, updated_at: at, version: eb('version', '+', 1) }))
    .where('id', '=', documentId)
    .execute();
  await appendDocumentEvent(trx, documentId, { at, type: 'stageMoved', actor: systemActor, details: { from: doc.stage_id ?? '', to: target.id, reason, ...more } });
}

/** Bumps the document's version and time: a change to its signers is a change of the card. */
export async function touchDocument(trx: Transaction<Database>, documentId: string, at: string): Promise<void> {
  await trx
    .updateTable('documents')
    .set((eb) => ({ updated_at: at, version: eb('version', '+', 1) }))
    .where('id', '=', documentId)
    .execute();
}

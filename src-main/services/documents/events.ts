import type { Transaction } from 'kysely';
import type { DocumentEventView } from '../../../src-shared/documents/types';
import { eventHash, firstBrokenLink, genesisHash } from '../../evidence/chain';
import type { Database } from '../../store/schema';
import { followEvent } from '../../automation/follow-event';

export interface NewEvent {
  at: string;
  type: string;
  actor: string;
  details?: Record<string, string> | undefined;
}

/**
 * Appends one event to a document's history inside the caller's transaction, chained to the last one. Rows are only ever
 * inserted: the (document, seq) key makes a concurrent second append fail instead of forking the chain.
 */
export async function appendDocumentEvent(trx: Transaction<Database>, documentId: string, event: NewEvent): Promise<DocumentEventView> {
  const last = await trx.selectFrom('document_events').select(['seq', 'hash']).where('document_id', '=', documentId).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  const prevHash = last?.hash ?? genesisHash;
  const seq = (last?.seq ?? 0) + 1;
  const hash = eventHash(prevHash, event);
  await trx
    .insertInto('document_events')
    .values({ document_id: documentId, seq, at: event.at, type: event.type, actor: event.actor, details: event.details ? JSON.stringify(event.details) : null, prev_hash: prevHash, hash })
    .execute();
  // What the entry makes automation do is written with it (issue 9): a crash keeps both or neither.
  await followEvent(trx, documentId, { seq, ...event });
  return { seq, ...event, prevHash, hash };
}

export function eventFromRow(row: Database['document_events']): DocumentEventView {
  return {
    seq: row.seq,
    at: row.at,
    type: row.type,
    actor: row.actor,
    ...(row.details ? { details: JSON.parse(row.details) as Record<string, string> } : {}),
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/** True when the stored history still links up: any edited, removed or reordered row breaks it. */
export function chainHolds(events: readonly DocumentEventView[]): boolean {
  return firstBrokenLink(events) === -1 && events.every((e, i) => e.seq === i + 1);
}

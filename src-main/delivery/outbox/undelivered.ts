import type { Transaction } from 'kysely';
import { appendDocumentEvent } from '../../services/documents/events';
import { systemActor } from '../../services/signing/system-move';
import type { Database } from '../../store/schema';
import type { OutboxDatabase } from './outbox-db';

/**
 * The desktop's `onFailed`: a message about a document given up for good (the recipient's server refused the address,
 * the retries ran out) is an entry in that document's history, so the owner sees it and automation's "e-mail bounced"
 * trigger can move the card. Written in the transaction that marks the message failed.
 */
export async function noteUndelivered(outboxTrx: Transaction<OutboxDatabase>, m: { documentId: string | null; channel: string; recipient: string; purpose: string; reason: string; at: string }): Promise<void> {
  if (!m.documentId) return;
  // The desktop's outbox is in its own store: the transaction is the store's.
  const trx = outboxTrx as unknown as Transaction<Database>;
  if (!(await trx.selectFrom('documents').select('id').where('id', '=', m.documentId).executeTakeFirst())) return;
  await appendDocumentEvent(trx, m.documentId, { at: m.at, type: 'deliveryFailed', actor: systemActor, details: { channel: m.channel, to: m.recipient, purpose: m.purpose, reason: m.reason.slice(0, 300) } });
}

import type { Kysely } from 'kysely';
import { nowIso, type ServiceContext } from '../../services/context';
import type { OutgoingMessage } from '../channel';
import { outboxDb, type OutboxDatabase } from './outbox-db';

/** A message as a service writes it: what a channel is handed, less the outbox's own id. */
export type NewMessage = Omit<OutgoingMessage, 'id' | 'idempotencyKey'> & {
  /**
   * Names the message for good: enqueuing the same key again is a no-op that returns the first row, so a service that
   * is retried (or a rule that fires twice) cannot write a second copy. A fresh id when absent.
   */
  idempotencyKey?: string;
  documentId?: string;
  purpose: string;
};

export interface Enqueued {
  id: string;
  idempotencyKey: string;
  /** The key was already in the outbox: nothing was written. */
  duplicate: boolean;
}

/** The desktop's services, or the company server's: any store with the outbox table. */
export type EnqueueContext<DB extends OutboxDatabase> = Pick<ServiceContext, 'now' | 'newId'> & { db: Kysely<DB>; events: Pick<ServiceContext['events'], 'publish'> };

/**
 * Writes a message to the outbox with `db`, which is the caller's transaction when there is one: a document change
 * and the messages it sends then commit (or roll back) together, and a message exists before any attempt to send it.
 *
 * The event that wakes the worker and the open windows goes out before the caller commits. Nothing reads the row
 * early: every query of this process goes through the one SQLite connection, which the open transaction holds until
 * it commits, so the worker's look at the table waits for it. A rollback leaves a harmless wake-up with nothing to do.
 */
export async function enqueue<DB extends OutboxDatabase>(ctx: EnqueueContext<DB>, message: NewMessage, trx: Kysely<NoInfer<DB>> = ctx.db): Promise<Enqueued> {
  const db = outboxDb(trx);
  const id = ctx.newId();
  const idempotencyKey = message.idempotencyKey ?? id;
  const at = nowIso(ctx);
  const inserted = await db
    .insertInto('outbox')
    .values({
      id,
      channel: message.channel,
      recipient: message.to,
      subject: message.subject ?? null,
      text: message.text,
      html: message.html ?? null,
      attachments: JSON.stringify(message.attachments ?? []),
      idempotency_key: idempotencyKey,
      document_id: message.documentId ?? null,
      purpose: message.purpose,
      status: 'queued',
      next_attempt_at: at,
      last_error: null,
      provider_code: null,
      provider_message_id: null,
      committed_at: null,
      created_at: at,
      sent_at: null,
    })
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) {
    const first = await db.selectFrom('outbox').select('id').where('idempotency_key', '=', idempotencyKey).executeTakeFirstOrThrow();
    return { id: first.id, idempotencyKey, duplicate: true };
  }
  ctx.events.publish({ type: 'outboxChanged' });
  return { id, idempotencyKey, duplicate: false };
}

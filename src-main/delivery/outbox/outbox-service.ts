import type { Selectable } from 'kysely';
import type { z } from 'zod';
import { AppError } from '../../../src-shared/contract/errors';
import { outboxStatuses, type OutboxItem, type OutboxPage, type OutboxStatus, type outboxListInput } from '../../../src-shared/delivery/outbox';
import { nowIso, type ServiceContext } from '../../services/context';
import type { OutboxTable } from '../../store/schema';
import { isOneTime } from './one-time';

type ListInput = z.output<typeof outboxListInput>;
const listColumns = ['id', 'channel', 'recipient', 'subject', 'purpose', 'document_id', 'status', 'attempts', 'next_attempt_at', 'last_error', 'provider_code', 'provider_message_id', 'unconfirmed', 'created_at', 'sent_at'] as const;
type ListRow = Pick<Selectable<OutboxTable>, (typeof listColumns)[number]>;

/** Newest first, whole or by status, with the count of each status for the filter. */
export async function listOutbox(ctx: ServiceContext, input: ListInput): Promise<OutboxPage> {
  let query = ctx.db.selectFrom('outbox');
  if (input.status) query = query.where('status', '=', input.status);
  const rows = await query.select(listColumns).orderBy('created_at', 'desc').orderBy('id', 'desc').offset(input.offset).limit(input.limit).execute();
  const grouped = await ctx.db.selectFrom('outbox').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('status').execute();
  const counts = Object.fromEntries(outboxStatuses.map((s) => [s, 0])) as Record<OutboxStatus, number>;
  for (const g of grouped) counts[g.status] = Number(g.n);
  const total = input.status ? counts[input.status] : Object.values(counts).reduce((a, b) => a + b, 0);
  return { items: rows.map((r) => outboxItem(r)), total, counts };
}

export async function getOutboxItem(ctx: ServiceContext, id: string): Promise<OutboxItem> {
  const row = await ctx.db.selectFrom('outbox').select(listColumns).where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', 'outbox.notFound');
  return outboxItem(row);
}

/**
 * Puts a failed message back in the queue, due now, with a fresh count of attempts (a person asked for it: it gets the
 * whole backoff again). A message sent but unconfirmed may be sent again too, on purpose, with the same Message-ID.
 */
export async function retryOutbox(ctx: ServiceContext, id: string): Promise<OutboxItem> {
  if (isOneTime((await getOutboxItem(ctx, id)).purpose)) throw new AppError('VALIDATION', 'outbox.oneTimeNotRetryable');
  const done = await ctx.db
    .updateTable('outbox')
    .set({ status: 'queued', attempts: 0, next_attempt_at: nowIso(ctx), unconfirmed: 0, sent_at: null, committed_at: null })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('status', '=', 'failed'), eb.and([eb('status', '=', 'sent'), eb('unconfirmed', '=', 1)])]))
    .executeTakeFirst();
  if (Number(done.numUpdatedRows) === 0) {
    await getOutboxItem(ctx, id);
    throw new AppError('VALIDATION', 'outbox.notRetryable');
  }
  ctx.log.info('outbox retry by hand', { id });
  ctx.events.publish({ type: 'outboxChanged' });
  return getOutboxItem(ctx, id);
}

function outboxItem(row: ListRow): OutboxItem {
  const item: OutboxItem = {
    id: row.id,
    channel: row.channel === 'sms' ? 'sms' : 'email',
    recipient: row.recipient,
    purpose: row.purpose,
    status: row.status,
    attempts: row.attempts,
    unconfirmed: row.unconfirmed === 1,
    createdAt: row.created_at,
  };
  if (row.subject !== null) item.subject = row.subject;
  if (row.document_id !== null) item.documentId = row.document_id;
  if (row.status === 'queued') item.nextAttemptAt = row.next_attempt_at;
  if (row.last_error !== null) item.lastError = row.last_error;
  if (row.provider_code !== null) item.providerCode = row.provider_code;
  if (row.provider_message_id !== null) item.providerMessageId = row.provider_message_id;
  if (row.sent_at !== null) item.sentAt = row.sent_at;
  return item;
}

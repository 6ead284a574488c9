import type { Kysely, Selectable, Transaction } from 'kysely';
import { nowIso, type ServiceContext } from '../../services/context';
import type { OutboxTable } from '../../store/schema';
import { outboxDb, type OutboxDatabase } from './outbox-db';
import { DeliveryError, type ChannelKind, type DeliveryChannel, type OutgoingAttachment, type OutgoingMessage } from '../channel';
import { defaultRetryPolicy, retryDelayMs, type RetryPolicy } from './backoff';
import { isOneTime, removedContent } from './one-time';
import { recoverInterrupted } from './recovery';
import { createDueLoop } from '../jobs/due-loop';

export type ChannelRegistry = ReadonlyMap<ChannelKind, DeliveryChannel>;

export interface OutboxWorkerOptions {
  channels: ChannelRegistry;
  policy?: RetryPolicy;
  /** For the jitter; tests pass a fixed one. */
  random?: () => number;
  /** The longest the worker sleeps without looking at the table (a clock change, a row written by another tool). */
  idleMs?: number;
  /** How long `stop` waits for a message being sent to finish before leaving it to the next start's recovery. */
  stopGraceMs?: number;
  /**
   * Several workers send from this outbox (company server instances on one PostgreSQL): a claim is a lease that
   * long, and recovery takes over only claims whose lease ran out — never a message another live instance is
   * sending — and runs on every pass, not just at start, so a dead instance's messages are picked up by the others.
   */
  sharedLeaseMs?: number;
  /**
   * A message given up for good, in the transaction that marks it failed (the desktop notes a bounced e-mail in its
   * document's history, which automation's "e-mail bounced" trigger hears): both are written, or neither.
   */
  onFailed?(trx: Transaction<OutboxDatabase>, message: { documentId: string | null; channel: string; recipient: string; purpose: string; reason: string; at: string }): Promise<void>;
}

export interface OutboxWorker {
  /** Settles what a previous process left half-sent, then sends as messages come due, until `stop`. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /**
   * Sends every message that is due by `ctx.now()`, one after another, and resolves with how many it attempted. The
   * running loop uses it; tests with a fixed clock call it directly instead of waiting for timers.
   */
  runDue(): Promise<number>;
}

/** The desktop's services, or the company server's: a store with the outbox table, its files, a clock, a log, events. */
export type OutboxWorkerContext<DB extends OutboxDatabase> = Pick<ServiceContext, 'now' | 'log'> & {
  db: Kysely<DB>;
  files: Pick<ServiceContext['files'], 'read'>;
  events: Pick<ServiceContext['events'], 'publish' | 'wait'>;
};
type Row = Selectable<OutboxTable>;

/**
 * One message at a time, in the order they came due: an office sends tens of messages a day, and one SMTP connection
 * at a time is what small company servers (and their rate limits) expect.
 */
export function createOutboxWorker<DB extends OutboxDatabase>(context: OutboxWorkerContext<DB>, options: OutboxWorkerOptions): OutboxWorker {
  const ctx = { ...context, db: outboxDb(context.db) };
  const policy = options.policy ?? defaultRetryPolicy;
  const random = options.random ?? Math.random;

  const shared = options.sharedLeaseMs !== undefined;
  const sendDue = async (stopping: () => boolean): Promise<number> => {
    if (shared) await recoverInterrupted(ctx, { leaseExpiredOnly: true });
    let attempted = 0;
    for (;;) {
      if (stopping()) return attempted;
      const row = await claimNext();
      if (!row) return attempted;
      if (row === 'taken') continue;
      attempted++;
      await deliver(row);
    }
  };

  /** queued → sending in one transaction, so the claim and the attempt it counts are one step. */
  const claimNext = (): Promise<Row | 'taken' | undefined> =>
    ctx.db.transaction().execute(async (trx) => {
      const due = await trx
        .selectFrom('outbox')
        .select('id')
        .where('status', '=', 'queued')
        .where('next_attempt_at', '<=', nowIso(ctx))
        .orderBy('next_attempt_at')
        .orderBy('created_at')
        .limit(1)
        .executeTakeFirst();
      if (!due) return undefined;
      const lease = options.sharedLeaseMs === undefined ? {} : { next_attempt_at: new Date(ctx.now().getTime() + options.sharedLeaseMs).toISOString() };
      const claimed = await trx
        .updateTable('outbox')
        .set((eb) => ({ status: 'sending', attempts: eb('attempts', '+', 1), committed_at: null, ...lease }))
        .where('id', '=', due.id)
        .where('status', '=', 'queued')
        .executeTakeFirst();
      // Another company server instance on the same PostgreSQL claimed it between the read and the update: it is
      // theirs to send (once), and this one looks for the next.
      if (Number(claimed.numUpdatedRows) === 0) return 'taken';
      return (await trx.selectFrom('outbox').selectAll().where('id', '=', due.id).executeTakeFirstOrThrow());
    });

  const deliver = async (row: Row): Promise<void> => {
    const fields = { id: row.id, channel: row.channel, purpose: row.purpose, attempt: row.attempts };
    ctx.log.info('outbox sending', fields);
    ctx.events.publish({ type: 'outboxChanged' });
    let committed = false;
    try {
      const channel = options.channels.get(row.channel as ChannelKind);
      if (!channel) throw new DeliveryError(false, `no ${row.channel} channel is set up`);
      const receipt = await channel.send(toMessage(row), async (sha256) => Buffer.from(await ctx.files.read(sha256)), {
        committing: async () => {
          await ctx.db.updateTable('outbox').set({ committed_at: nowIso(ctx) }).where('id', '=', row.id).where('status', '=', 'sending').execute();
          committed = true;
          ctx.log.info('outbox committing', fields);
        },
      });
      ctx.log.info('outbox accepted', { ...fields, providerMessageId: receipt.providerMessageId });
      await markSent(row, { providerMessageId: receipt.providerMessageId ?? null, unconfirmed: false, reason: null });
    } catch (error) {
      await settleFailure(row, error, committed, fields);
    }
    ctx.events.publish({ type: 'outboxChanged' });
  };

  const markSent = async (row: Row, outcome: { providerMessageId: string | null; unconfirmed: boolean; reason: string | null }) => {
    // `status = 'sending'` makes "sent" happen once: a row can only be marked from the claim this attempt holds.
    await ctx.db
      .updateTable('outbox')
      .set({ status: 'sent', sent_at: nowIso(ctx), provider_message_id: outcome.providerMessageId, unconfirmed: outcome.unconfirmed ? 1 : 0, last_error: outcome.reason, provider_code: null, ...(isOneTime(row.purpose) ? removedContent : {}) })
      .where('id', '=', row.id)
      .where('status', '=', 'sending')
      .execute();
  };

  const settleFailure = async (row: Row, error: unknown, committed: boolean, fields: Record<string, unknown>) => {
    const failure = error instanceof DeliveryError ? error : new DeliveryError(false, error instanceof Error ? error.message : String(error));
    // After the point of no return only the provider's own refusal means "not delivered" (see SendHooks).
    if (committed && failure.providerCode === undefined) {
      ctx.log.warn('outbox: no answer after the message was handed over; counted as sent', { ...fields, reason: failure.reason });
      await markSent(row, { providerMessageId: null, unconfirmed: true, reason: failure.reason });
      return;
    }
    const final = failure.permanent || row.attempts >= policy.maxAttempts;
    const next = new Date(ctx.now().getTime() + retryDelayMs(policy, row.attempts, random)).toISOString();
    ctx.log.warn(final ? 'outbox failed' : 'outbox will retry', { ...fields, permanent: failure.permanent, reason: failure.reason, code: failure.providerCode, next: final ? undefined : next });
    await ctx.db.transaction().execute(async (trx) => {
      const settled = await trx
        .updateTable('outbox')
        .set({ status: final ? 'failed' : 'queued', next_attempt_at: final ? nowIso(ctx) : next, last_error: failure.reason, provider_code: failure.providerCode ?? null, committed_at: null, ...(final && isOneTime(row.purpose) ? removedContent : {}) })
        .where('id', '=', row.id)
        .where('status', '=', 'sending')
        .executeTakeFirst();
      if (final && Number(settled.numUpdatedRows) === 1)
        await options.onFailed?.(trx, { documentId: row.document_id, channel: row.channel, recipient: row.recipient, purpose: row.purpose, reason: failure.reason, at: nowIso(ctx) });
    });
  };

  // Any event of this process wakes the loop: whatever an enqueue publishes after its commit.
  const loop = createDueLoop(ctx, {
    runDue: sendDue,
    nextDueAt: async () => (await ctx.db.selectFrom('outbox').select((eb) => eb.fn.min('next_attempt_at').as('at')).where('status', '=', 'queued').executeTakeFirst())?.at,
    failureMessage: 'outbox worker',
    idleMs: options.idleMs ?? 60_000,
    stopGraceMs: options.stopGraceMs ?? 10_000,
  });

  return {
    async start() {
      if (loop.started) return;
      await recoverInterrupted(ctx, { leaseExpiredOnly: shared });
      loop.start();
    },
    stop: loop.stop,
    runDue: loop.runDue,
  };
}

function toMessage(row: Row): OutgoingMessage {
  const message: OutgoingMessage = { id: row.id, channel: row.channel as ChannelKind, to: row.recipient, text: row.text, idempotencyKey: row.idempotency_key };
  if (row.subject !== null) message.subject = row.subject;
  if (row.html !== null) message.html = row.html;
  const attachments = JSON.parse(row.attachments) as OutgoingAttachment[];
  if (attachments.length) message.attachments = attachments;
  return message;
}

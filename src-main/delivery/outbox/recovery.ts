import type { Kysely } from 'kysely';
import { nowIso, type ServiceContext } from '../../services/context';
import { outboxDb, type OutboxDatabase } from './outbox-db';

/*
 * What a row found in `sending` when the worker starts means, and why it is safe to act on it without asking anyone.
 *
 * Only one worker runs per data folder and it is the one starting now (several company server instances on one
 * database share the outbox through leases instead: see `leaseExpiredOnly`), so every such row was being sent by a process
 * that died (SIGKILL, power loss, a crash) or was stopped mid-send. Whether the provider has the message depends on
 * how far that send got, and the channel told us durably (`committed_at`, written and fsynced before the point of no
 * return; see SendHooks in ../channel.ts):
 *
 * - `committed_at` is null: the point of no return was never reached. For SMTP that means the final "." of DATA was
 *   never written, and a server takes on a message only at the end of its data: one whose connection closed before
 *   that is discarded. Sending it again cannot duplicate it: back to `queued`, due now.
 * - `committed_at` is set: the whole message was handed over and only the answer (and our "sent") is missing. The
 *   server has it in all but the rarest case (it refused it in the reply we never read), so sending again would
 *   almost always deliver a second copy. It is counted as sent, `unconfirmed`, and the outbox list says so; a person
 *   who hears it did not arrive can send it again by hand.
 *
 * The one window this leaves is between the fsync of `committed_at` and the "." reaching the socket (a few
 * microseconds of local work): a crash there loses the message, shown as sent, unconfirmed. The other order (write
 * the "." first, then record it) would instead duplicate every message whose process died while waiting for the
 * server's reply, which with a slow server is seconds per message. The Message-ID (from the idempotency key) stays
 * the same across any resend, so even a duplicate is recognisable as one message by mail clients.
 */
export async function recoverInterrupted<DB extends OutboxDatabase>(
  ctx: Pick<ServiceContext, 'now' | 'log'> & { db: Kysely<DB> },
  options: { leaseExpiredOnly?: boolean } = {},
): Promise<{ requeued: number; unconfirmed: number }> {
  const at = nowIso(ctx);
  // Shared by several workers (see OutboxWorkerOptions.sharedLeaseMs): only claims whose lease (next_attempt_at, set
  // at the claim) has run out; a message another instance is sending right now is left to it.
  const interrupted = (trx: Kysely<OutboxDatabase>, committed: 'is' | 'is not') => {
    const rows = trx.updateTable('outbox').where('status', '=', 'sending').where('committed_at', committed, null);
    return options.leaseExpiredOnly ? rows.where('next_attempt_at', '<=', at) : rows;
  };
  return outboxDb(ctx.db).transaction().execute(async (trx) => {
    const requeued = await interrupted(trx, 'is').set({ status: 'queued', next_attempt_at: at }).executeTakeFirst();
    const unconfirmed = await interrupted(trx, 'is not')
      .set((eb) => ({ status: 'sent', unconfirmed: 1, sent_at: eb.ref('committed_at') }))
      .executeTakeFirst();
    const counts = { requeued: Number(requeued.numUpdatedRows), unconfirmed: Number(unconfirmed.numUpdatedRows) };
    if (counts.requeued || counts.unconfirmed) ctx.log.warn('outbox: messages interrupted by the last stop', counts);
    return counts;
  });
}

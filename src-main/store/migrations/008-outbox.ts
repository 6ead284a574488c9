import { createOutboxTable } from '../../delivery/outbox/outbox-table';
import type { Migration } from './migration';

/**
 * The durable outbox: every e-mail and SMS is a row here before anything is sent, written in the same transaction as
 * the change that caused it, so a document that was "sent" always has its messages and a rolled-back change has none.
 * A worker sends them (src-main/delivery/outbox/). Attachments are file-store references (sha256), never copies.
 *
 * `committed_at` records that the channel passed its point of no return (for SMTP: just before the final "." of DATA),
 * which is what lets a row found in `sending` after a crash be resent or not (see outbox/recovery.ts); `unconfirmed`
 * marks a row counted as sent because that point was passed but no answer was recorded.
 */
export const outbox: Migration = {
  version: 8,
  name: 'outbox',
  async up(db) {
    // The table's definition is shared with the company server's store (its migration 002 makes the same table).
    await createOutboxTable(db, { table: 'documents', column: 'id' });
  },
};

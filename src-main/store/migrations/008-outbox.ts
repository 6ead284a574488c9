import { sql } from 'kysely';
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
    await db.schema
      .createTable('outbox')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('recipient', 'text', (c) => c.notNull())
      .addColumn('subject', 'text')
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('html', 'text')
      .addColumn('attachments', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
      .addColumn('document_id', 'text', (c) => c.references('documents.id').onDelete('set null'))
      .addColumn('purpose', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('queued', 'sending', 'sent', 'failed')`))
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('next_attempt_at', 'text', (c) => c.notNull())
      .addColumn('last_error', 'text')
      .addColumn('provider_code', 'text')
      .addColumn('provider_message_id', 'text')
      .addColumn('committed_at', 'text')
      .addColumn('unconfirmed', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('sent_at', 'text')
      .execute();
    // The worker's pick: the oldest due queued row, read from the index alone up to the row itself.
    await db.schema.createIndex('outbox_due').on('outbox').columns(['status', 'next_attempt_at']).execute();
    // The outbox list, newest first, whole or by status.
    await db.schema.createIndex('outbox_created').on('outbox').columns(['created_at', 'id']).execute();
    await db.schema.createIndex('outbox_document').on('outbox').column('document_id').execute();
  },
};

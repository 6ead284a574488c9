import { sql, type Kysely } from 'kysely';

/**
 * The outbox table and its indexes, as the desktop's migration 008 made it and the company server's migration makes
 * it again: one definition, so both stores hold messages the same way and the same worker sends them.
 *
 * `documents`: the table a message's `document_id` refers to (the desktop's documents), or null where the store has no
 * such table when its outbox is made (the company server, whose published documents come in a later migration).
 */
export async function createOutboxTable(db: Kysely<unknown>, documents: { table: string; column: string } | null): Promise<void> {
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
    .addColumn('document_id', 'text', (c) => (documents ? c.references(`${documents.table}.${documents.column}`).onDelete('set null') : c))
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
}

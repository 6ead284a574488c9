import type { Migration } from './migration';

/**
 * Publishing to the company server (issue 6, item 3): one job per document sent with a signer reached by e-mail or
 * SMS, written in the send's transaction, so a document sent is a document that will be published, across restarts
 * and a server that is down for a day. Its own table rather than the outbox: a job is not a message to one address
 * through a channel but an upload (with its resumable upload's id) and a publish, and it ends with the server's
 * answer. `status`: pending (to do, again at `next_attempt_at`), published, failed (refused for good, `last_error`).
 */
export const publishJobs: Migration = {
  version: 15,
  name: 'publish-jobs',
  async up(db) {
    await db.schema
      .createTable('publish_jobs')
      .addColumn('document_id', 'text', (c) => c.primaryKey().references('documents.id').onDelete('cascade'))
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('next_attempt_at', 'text', (c) => c.notNull())
      .addColumn('upload_id', 'text')
      .addColumn('last_error', 'text')
      .addColumn('published_id', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('publish_jobs_due').on('publish_jobs').columns(['status', 'next_attempt_at']).execute();
  },
};

import type { Migration } from './migration';

/**
 * Reporting a signature made on this desktop to the company server (issue 6, items 3 and 4): one job per signer who
 * signed here (the company signer in the app, a counterparty in person) on a document published there, written in
 * the signature's transaction. The server needs it to release the counterparty links held for the company's
 * signature and, after the last signature, to compose and seal. Its own table, as publish_jobs is: a job is a call
 * with the signature's facts, retried while the server is away, and it runs only after its document's publish.
 * `status`: pending (to do, again at `next_attempt_at`), done, failed (refused for good, `last_error`). `id` keeps
 * a document's reports in the order the signatures were made.
 */
export const serverSignatureJobs: Migration = {
  version: 17,
  name: 'server-signature-jobs',
  async up(db) {
    await db.schema
      .createTable('server_signature_jobs')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('document_id', 'text', (c) => c.notNull().references('documents.id').onDelete('cascade'))
      .addColumn('signer_id', 'integer', (c) => c.notNull().references('document_signers.id').onDelete('cascade'))
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('next_attempt_at', 'text', (c) => c.notNull())
      .addColumn('last_error', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('server_signature_jobs_signer', ['document_id', 'signer_id'])
      .execute();
    await db.schema.createIndex('server_signature_jobs_due').on('server_signature_jobs').columns(['status', 'next_attempt_at']).execute();
  },
};

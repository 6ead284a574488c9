import type { Migration } from '../../../src-main/store/migrations/migration';
import { autoId } from './dialect';

/**
 * The automation engine on the server (issue 9): the engine's job and condition tables, as on the desktop (one
 * engine runs both: src-main/automation/engine), with `n` giving the order jobs were written in (the desktop's
 * rowid). A published document whose desktop handed its automation to the server says so (`automation`), with the
 * stage the server takes the card to be in and since when (`automation_stage_at`: a stage pushed by sync with an
 * older stamp is a change the server already knows of, not a new entry), and what its own actions changed on the record
 * until the desktop's sync brings it back (`automation_tags`, JSON {tags, at}; `automation_owner`, JSON {id, at}).
 */
export const automation: Migration = {
  version: 14,
  name: 'automation',
  async up(db) {
    await autoId(db, db.schema.createTable('automation_jobs'), 'n')
      .addColumn('id', 'text', (c) => c.notNull().unique())
      .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
      .addColumn('document_id', 'text', (c) => c.notNull())
      .addColumn('source_id', 'text', (c) => c.notNull())
      .addColumn('source_kind', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('condition', 'text')
      .addColumn('cause', 'text', (c) => c.notNull())
      .addColumn('due_at', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull())
      .addColumn('last_error', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('finished_at', 'text')
      .execute();
    await db.schema.createIndex('automation_jobs_due').on('automation_jobs').columns(['status', 'due_at']).execute();
    await db.schema.createIndex('automation_jobs_document').on('automation_jobs').columns(['document_id', 'status']).execute();
    await db.schema
      .createTable('automation_condition_states')
      .addColumn('trigger_id', 'text', (c) => c.notNull())
      .addColumn('document_id', 'text', (c) => c.notNull())
      .addColumn('holds', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('automation_condition_states_pk', ['trigger_id', 'document_id'])
      .execute();
    await db.schema.alterTable('published_documents').addColumn('automation', 'text').execute();
    await db.schema.alterTable('published_documents').addColumn('automation_stage', 'text').execute();
    await db.schema.alterTable('published_documents').addColumn('automation_stage_at', 'text').execute();
    // The engine looks up a document's moves in its feed (is this a new entry, or one it made itself?).
    await db.schema.createIndex('document_feed_document').on('document_feed').columns(['document_id', 'type', 'seq']).execute();
    await db.schema.alterTable('published_documents').addColumn('automation_tags', 'text').execute();
    await db.schema.alterTable('published_documents').addColumn('automation_owner', 'text').execute();
  },
};

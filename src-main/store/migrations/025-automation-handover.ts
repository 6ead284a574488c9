import type { Migration } from './migration';

/**
 * A document published to a company server that runs automation is handed to it (issue 9): `automation` says so
 * ('server', from the send on; cleared if the server turns out not to run it), `automation_stage` is the card's stage
 * (its sync id) at the send, where the server's engine takes over. What the server's engine did to a handed-over
 * document arrives through its feed and is kept in `server_automation_runs`, one row per server job (its latest
 * outcome), so that the execution log shows it beside this desktop's own jobs.
 */
export const automationHandover: Migration = {
  version: 25,
  name: 'automation handover',
  async up(db) {
    await db.schema.alterTable('publish_jobs').addColumn('automation', 'text').execute();
    await db.schema.alterTable('publish_jobs').addColumn('automation_stage', 'text').execute();
    await db.schema
      .createTable('server_automation_runs')
      .addColumn('job_id', 'text', (c) => c.primaryKey())
      .addColumn('document_id', 'text', (c) => c.notNull().references('documents.id').onDelete('cascade'))
      .addColumn('source_kind', 'text', (c) => c.notNull())
      .addColumn('source_id', 'text', (c) => c.notNull())
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('reason', 'text')
      .addColumn('attempts', 'integer', (c) => c.notNull())
      .addColumn('due_at', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('finished_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('server_automation_runs_created').on('server_automation_runs').columns(['created_at']).execute();
  },
};

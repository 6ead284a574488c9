import type { Migration } from './migration';

/**
 * A document published to a company server that runs automation is handed to it (issue 9): `automation` says so
 * ('server', from the send on; cleared if the server turns out not to run it), `automation_stage` is the card's stage
 * (its sync id) at the send, where the server's engine takes over.
 */
export const automationHandover: Migration = {
  version: 25,
  name: 'automation handover',
  async up(db) {
    await db.schema.alterTable('publish_jobs').addColumn('automation', 'text').execute();
    await db.schema.alterTable('publish_jobs').addColumn('automation_stage', 'text').execute();
  },
};

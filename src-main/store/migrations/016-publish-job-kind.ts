import { sql } from 'kysely';
import type { Migration } from './migration';

/**
 * A publish job learns to withdraw (issue 5, item 4: "links die, signers are told"): a document cancelled after it
 * was published is cancelled on the server too, by the same job and loop, durably, retried while the server is away.
 * One row per document still: its `kind` turns from `publish` to `cancel` (keeping the server's `published_id`), and a
 * job still waiting to publish when the document is cancelled or expires gets the status `cancelled`, never run.
 */
export const publishJobKind: Migration = {
  version: 16,
  name: 'publish-job-kind',
  async up(db) {
    await sql`alter table publish_jobs add column kind text not null default 'publish'`.execute(db);
  },
};

import { createOutboxTable } from '../../../src-main/delivery/outbox/outbox-table';
import type { Migration } from '../../../src-main/store/migrations/migration';

/**
 * The server's own durable outbox (issue 6): the desktop's table, made by the same definition, so the desktop's worker
 * sends from it unchanged. `document_id` refers to nothing yet: the published documents arrive in a later migration.
 */
export const outbox: Migration = {
  version: 2,
  name: 'outbox',
  async up(db) {
    await createOutboxTable(db, null);
  },
};

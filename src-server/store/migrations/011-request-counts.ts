import type { Migration } from '../../../src-main/store/migrations/migration';

/**
 * Request limits shared by every instance on one database (issue 7, item 3): one fixed window per key (a route and
 * an address, or a link's token hash), its end in epoch milliseconds and the requests counted in it. On SQLite the
 * one process keeps its limits in memory, as before, and this table stays empty; it is made there too, so the two
 * backends keep one schema.
 */
export const requestCounts: Migration = {
  version: 11,
  name: 'request counts',
  async up(db) {
    await db.schema
      .createTable('request_counts')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('window_end', 'bigint', (c) => c.notNull())
      .addColumn('count', 'integer', (c) => c.notNull())
      .execute();
    // The sweep drops windows that have ended.
    await db.schema.createIndex('request_counts_window_end').on('request_counts').column('window_end').execute();
  },
};

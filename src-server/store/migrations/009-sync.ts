import type { Migration } from '../../../src-main/store/migrations/migration';

/**
 * Sync between the company's desktops (issue 7). `sync_entries` keeps, per field of a record and per history event,
 * the winning entry (kind field: the latest stamp; kind event: the first content seen for its id, never replaced) and
 * the position `seq` it was last accepted at; a desktop pulls what lies after the position it has. Positions come
 * from the one-row `sync_counter`, taken in the pushing transaction: on PostgreSQL its row lock orders the pushes, so
 * a position is never committed behind one a desktop has already pulled past.
 */
export const sync: Migration = {
  version: 9,
  name: 'sync',
  async up(db) {
    await db.schema
      .createTable('sync_entries')
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('entity', 'text', (c) => c.notNull())
      .addColumn('entity_id', 'text', (c) => c.notNull())
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('stamp', 'text', (c) => c.notNull())
      .addColumn('seq', 'bigint', (c) => c.notNull().unique())
      .addColumn('device_id', 'text', (c) => c.notNull())
      .addColumn('accepted_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('sync_entries_pk', ['kind', 'entity', 'entity_id', 'key'])
      .execute();
    await db.schema
      .createTable('sync_counter')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('last', 'bigint', (c) => c.notNull())
      .execute();
    await db.insertInto('sync_counter' as never).values({ id: 1, last: 0 } as never).execute();
  },
};

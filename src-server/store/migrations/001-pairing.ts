import type { Migration } from '../../../src-main/store/migrations/migration';
import { autoId } from './dialect';

/** The server's own settings and the desktops paired with it (issue 6, part 2). */
export const pairing: Migration = {
  version: 1,
  name: 'pairing',
  async up(db) {
    await db.schema
      .createTable('server_settings')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('pairing_codes')
      .addColumn('hash', 'text', (c) => c.primaryKey())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('used_at', 'text')
      .addColumn('device_id', 'text')
      .execute();
    await db.schema
      .createTable('devices')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('last_seen_at', 'text')
      .addColumn('revoked_at', 'text')
      .execute();
    await autoId(db, db.schema.createTable('pairing_failures'), 'id')
      .addColumn('ip', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .execute();
    // The limit counts one address's recent failures, and the sweep drops old ones by time.
    await db.schema.createIndex('pairing_failures_ip_at').on('pairing_failures').columns(['ip', 'at']).execute();
    await db.schema.createIndex('pairing_failures_at').on('pairing_failures').column('at').execute();
  },
};

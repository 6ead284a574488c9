import { sql } from 'kysely';
import type { Migration } from './migration';

/**
 * The company's signing identity and the certificate authorities it trusts. Certificates are public and live here;
 * private keys never do: `key_account` names the keychain entry that holds one (and `key_file`, for an imported
 * PKCS#12, the encrypted container in the file store whose key that entry holds). Old certificates stay, inactive, so
 * documents sealed before an import or a renewal still verify as the company's own.
 */
export const certificates: Migration = {
  version: 3,
  name: 'certificates',
  async up(db) {
    await db.schema
      .createTable('company_certificates')
      .addColumn('sha256', 'text', (c) => c.primaryKey())
      .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('ca', 'seal')`))
      .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('generated', 'imported')`))
      .addColumn('pem', 'text', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('not_after', 'text', (c) => c.notNull())
      .addColumn('key_account', 'text')
      .addColumn('key_file', 'text')
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    // At most one active seal: the one every new seal uses.
    await sql`create unique index company_certificates_one_active_seal on company_certificates (role) where role = 'seal' and active = 1`.execute(db);

    await db.schema
      .createTable('trust_anchors')
      .addColumn('sha256', 'text', (c) => c.primaryKey())
      .addColumn('pem', 'text', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('not_after', 'text', (c) => c.notNull())
      .addColumn('added_at', 'text', (c) => c.notNull())
      .execute();

    // What import records about a PDF original: its pages and their sizes (JSON [{ width, height }] in points).
    await db.schema.alterTable('files').addColumn('page_count', 'integer').execute();
    await db.schema.alterTable('files').addColumn('page_sizes', 'text').execute();
  },
};

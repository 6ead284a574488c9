import { sql } from 'kysely';
import type { Migration } from './migration';

/** Company profile, the people using this install, their settings, and the book of signing parties. */
export const initial: Migration = {
  version: 1,
  name: 'initial',
  async up(db) {
    await db.schema
      .createTable('company')
      .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('tax_id', 'text')
      .addColumn('city', 'text')
      .addColumn('setup_done', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('users')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('email', 'text')
      .addColumn('is_admin', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('is_signer', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('settings')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('contacts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('client', 'supplier', 'partner', 'employee')`))
      .addColumn('first_name', 'text', (c) => c.notNull())
      .addColumn('last_name', 'text', (c) => c.notNull())
      .addColumn('email', 'text')
      .addColumn('phone', 'text')
      .addColumn('company_name', 'text')
      .addColumn('position', 'text')
      .addColumn('tax_id', 'text')
      .addColumn('country', 'text', (c) => c.notNull().defaultTo('PL'))
      .addColumn('street', 'text')
      .addColumn('postal_code', 'text')
      .addColumn('city', 'text')
      .addColumn('notes', 'text')
      .addColumn('search_text', 'text', (c) => c.notNull())
      // Folded copies for ordering: SQLite's binary collation would put "Łukasz" after "Zenon".
      .addColumn('sort_name', 'text', (c) => c.notNull())
      .addColumn('sort_company', 'text', (c) => c.notNull())
      .addColumn('archived_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    // Duplicate detection looks contacts up by these; they are not unique because a shared tax ID is legitimate.
    await db.schema.createIndex('contacts_email').on('contacts').column('email').execute();
    await db.schema.createIndex('contacts_phone').on('contacts').column('phone').execute();
    await db.schema.createIndex('contacts_tax_id').on('contacts').column('tax_id').execute();
    await db.schema.createIndex('contacts_sort_name').on('contacts').columns(['sort_name', 'id']).execute();
  },
};

import type { Migration } from './migration';

/**
 * Templates: a document's file, field layout and signer places, kept to start new Drafts from. A template holds its
 * own copy of all of it rather than a reference to the document it was saved from, so it outlives that document and
 * later changes to it. Fields name signers by place (`company-1`, `counterparty-2`); the company's places keep their
 * employees (a JSON array of user ids by place), the other side's only their number, since counterparties are chosen
 * each time. `content` is the JSON of `{ layout, values }` as `document_fields` holds it.
 *
 * The file is referenced by hash with a foreign key: files are never deleted today, and a collector that some day
 * removes unused ones is refused (rather than breaking the template) while a template points at one. The index
 * answers "is this file used" for it. `name_key` (see `templateNameKey`) makes names unique in the company.
 */
export const templates: Migration = {
  version: 13,
  name: 'templates',
  async up(db) {
    await db.schema
      .createTable('templates')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('name_key', 'text', (c) => c.notNull().unique())
      .addColumn('file_sha256', 'text', (c) => c.notNull().references('files.sha256'))
      .addColumn('original_name', 'text', (c) => c.notNull())
      .addColumn('content', 'text', (c) => c.notNull())
      .addColumn('company_signers', 'text', (c) => c.notNull())
      .addColumn('counterparty_roles', 'integer', (c) => c.notNull())
      .addColumn('signing_order', 'text')
      .addColumn('send_message', 'text')
      .addColumn('send_language', 'text')
      .addColumn('reminder_days', 'integer')
      .addColumn('expiry_days', 'integer')
      .addColumn('created_by', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('templates_file').on('templates').column('file_sha256').execute();
  },
};

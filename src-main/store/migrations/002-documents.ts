import type { Migration } from './migration';

/**
 * Content-addressed files and the first shape of documents with their signers: enough for a contact to be "in use"
 * (and so not deletable) and for demo data. The document issue extends these tables by later migrations.
 */
export const documents: Migration = {
  version: 2,
  name: 'documents',
  async up(db) {
    await db.schema
      .createTable('files')
      .addColumn('sha256', 'text', (c) => c.primaryKey())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('media_type', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('documents')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('number', 'text', (c) => c.notNull().unique())
      .addColumn('original_sha256', 'text', (c) => c.notNull().references('files.sha256'))
      .addColumn('original_name', 'text', (c) => c.notNull())
      .addColumn('owner_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();

    // ON DELETE RESTRICT backs the service's "in use" refusal: even a bug cannot orphan a signer.
    await db.schema
      .createTable('document_signers')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('document_id', 'text', (c) => c.notNull().references('documents.id').onDelete('cascade'))
      .addColumn('contact_id', 'text', (c) => c.references('contacts.id').onDelete('restrict'))
      .addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('restrict'))
      .addColumn('side', 'text', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('document_signers_contact').on('document_signers').column('contact_id').execute();
  },
};

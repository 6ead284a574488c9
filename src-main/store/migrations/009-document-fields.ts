import type { Migration } from './migration';

/**
 * Each document's field layout and the preparer's values, as one JSON text per document rather than a row per field:
 * a layout is only valid as a whole (ids unique, no two signers' fields on top of each other), is saved and read as a
 * whole by the editor, composed as a whole at completion, and nothing ever asks for one field across documents. One
 * text also gives the history one thing to hash: the "fieldsSaved" event carries the SHA-256 of exactly what is
 * stored. A table of its own rather than a column keeps the documents rows, which the board's queries walk, small.
 */
export const documentFields: Migration = {
  version: 9,
  name: 'document-fields',
  async up(db) {
    await db.schema
      .createTable('document_fields')
      .addColumn('document_id', 'text', (c) => c.primaryKey().references('documents.id').onDelete('cascade'))
      .addColumn('content', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('updated_by', 'text', (c) => c.notNull())
      .execute();
  },
};

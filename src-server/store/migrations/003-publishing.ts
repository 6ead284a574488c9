import type { Migration } from '../../../src-main/store/migrations/migration';
import { sql } from 'kysely';

/**
 * Publishing (issue 6, item 3): files uploaded by paired desktops, the documents published with them, their signers
 * and one signing link per remote signer. A published document is the desktop's document as one device sent it:
 * unique by (device, desktop document id), which is what makes a retried publish return the first one. Its file is
 * content-addressed under DIR/files, referenced by hash (files are never deleted today). A link keeps its token only
 * as a SHA-256, unique, and none while its message is held (see publishing-schema.ts).
 */
export const publishing: Migration = {
  version: 3,
  name: 'publishing',
  async up(db) {
    await db.schema
      .createTable('uploads')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id'))
      .addColumn('sha256', 'text', (c) => c.notNull())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('completed_at', 'text')
      .addUniqueConstraint('uploads_device_sha256', ['device_id', 'sha256'])
      .execute();
    await db.schema
      .createTable('published_documents')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('device_id', 'text', (c) => c.notNull().references('devices.id'))
      .addColumn('desktop_document_id', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('number', 'text', (c) => c.notNull())
      .addColumn('company_name', 'text', (c) => c.notNull())
      .addColumn('signing_order', 'text', (c) => c.notNull())
      .addColumn('file_sha256', 'text', (c) => c.notNull())
      .addColumn('layout', 'text', (c) => c.notNull())
      .addColumn('message', 'text')
      .addColumn('state', 'text', (c) => c.notNull().check(sqlIn('state', ['open', 'completed', 'cancelled', 'expired'])))
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('published_documents_device_document', ['device_id', 'desktop_document_id'])
      .execute();
    await db.schema
      .createTable('published_signers')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('document_id', 'text', (c) => c.notNull().references('published_documents.id').onDelete('cascade'))
      .addColumn('desktop_signer_id', 'text', (c) => c.notNull())
      .addColumn('ref', 'text', (c) => c.notNull())
      .addColumn('side', 'text', (c) => c.notNull().check(sqlIn('side', ['company', 'counterparty'])))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('email', 'text')
      .addColumn('phone', 'text')
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('language', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addUniqueConstraint('published_signers_document_signer', ['document_id', 'desktop_signer_id'])
      .execute();
    await db.schema
      .createTable('signing_links')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('document_id', 'text', (c) => c.notNull().references('published_documents.id').onDelete('cascade'))
      .addColumn('signer_id', 'text', (c) => c.notNull().unique().references('published_signers.id').onDelete('cascade'))
      .addColumn('token_hash', 'text', (c) => c.unique())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('message_state', 'text', (c) => c.notNull().check(sqlIn('message_state', ['queued', 'held'])))
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('released_at', 'text')
      .addColumn('revoked_at', 'text')
      .execute();
    // Releasing a document's held links, and revoking them all on cancel, look them up by document.
    await db.schema.createIndex('signing_links_document').on('signing_links').column('document_id').execute();
  },
};

/** `column in ('a', 'b')` for a CHECK constraint; the values are this file's own constants, never input. */
function sqlIn(column: string, values: readonly string[]) {
  return sql.raw(`${column} in (${values.map((v) => `'${v}'`).join(', ')})`);
}

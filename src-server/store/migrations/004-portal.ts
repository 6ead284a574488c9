import { createOtpTable } from '../../../src-main/services/signing/otp-table';
import type { Migration } from '../../../src-main/store/migrations/migration';
import { autoId } from './dialect';

/**
 * The portal's signing links opened by signers (issue 6, items 4 and 7): their identity codes (the desktop's table,
 * keyed by the server's signer ids), the short signing sessions a passed code opens (only their tokens' SHA-256), and
 * the evidence of every step, one append-only row each, numbered so that a desktop can follow them from its last one.
 * A published document learns its page count the first time a link shows it (read from the file once, then kept),
 * and keeps who prepared it when the desktop names them.
 */
export const portal: Migration = {
  version: 4,
  name: 'portal',
  async up(db) {
    await db.schema.alterTable('published_documents').addColumn('page_count', 'integer').execute();
    await db.schema.alterTable('published_documents').addColumn('preparer_name', 'text').execute();
    await createOtpTable(db, { table: 'published_signers', keyType: 'text' });
    await db.schema
      .createTable('portal_sessions')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('link_id', 'text', (c) => c.notNull().references('signing_links.id').onDelete('cascade'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .execute();
    await autoId(db, db.schema.createTable('portal_events'), 'seq')
      .addColumn('document_id', 'text', (c) => c.notNull().references('published_documents.id').onDelete('cascade'))
      .addColumn('signer_id', 'text', (c) => c.notNull().references('published_signers.id').onDelete('cascade'))
      .addColumn('link_id', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('ip', 'text', (c) => c.notNull())
      .addColumn('user_agent', 'text')
      .addColumn('details', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('portal_events_document').on('portal_events').columns(['document_id', 'seq']).execute();
  },
};

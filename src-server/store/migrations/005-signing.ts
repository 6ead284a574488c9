import type { Migration } from '../../../src-main/store/migrations/migration';
import { autoId } from './dialect';

/**
 * Signing on the server (issue 6, items 4 and 5). A published document now keeps what the seal needs that the
 * desktop sends (the preparer's values, the pages' sizes) and, once all have signed, its sealed file and when it was
 * sealed (the download is offered for 14 days from then). Each signer keeps how and when they signed or declined, and
 * their values; the signature image is a file by hash. The feed is what desktops follow: one numbered row per step,
 * for the device that published the document.
 */
export const signing: Migration = {
  version: 5,
  name: 'signing',
  async up(db) {
    await db.schema.alterTable('published_documents').addColumn('preset_values', 'text').execute();
    await db.schema.alterTable('published_documents').addColumn('page_sizes', 'text').execute();
    await db.schema.alterTable('published_documents').addColumn('sealed_sha256', 'text').execute();
    await db.schema.alterTable('published_documents').addColumn('sealed_at', 'text').execute();
    /** Set when the sealed file left the portal (14 days after the seal and fetched by its desktop). */
    await db.schema.alterTable('published_documents').addColumn('sealed_removed_at', 'text').execute();
    for (const column of ['signed_at', 'method', 'identity_check', 'signature_sha256', 'declined_at', 'declined_reason'] as const) {
      await db.schema.alterTable('published_signers').addColumn(column, 'text').execute();
    }
    await db.schema
      .createTable('published_values')
      .addColumn('signer_id', 'text', (c) => c.notNull().references('published_signers.id').onDelete('cascade'))
      .addColumn('field_id', 'text', (c) => c.notNull())
      .addColumn('value', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('published_values_pk', ['signer_id', 'field_id'])
      .execute();
    await autoId(db, db.schema.createTable('document_feed'), 'seq')
      .addColumn('device_id', 'text', (c) => c.notNull())
      .addColumn('document_id', 'text', (c) => c.notNull().references('published_documents.id').onDelete('cascade'))
      .addColumn('signer_id', 'text')
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('details', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('document_feed_device').on('document_feed').columns(['device_id', 'seq']).execute();
  },
};

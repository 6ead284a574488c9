import { sql } from 'kysely';
import { createOtpTable } from '../../services/signing/otp-table';
import type { Migration } from './migration';

/**
 * Sending and signing: how a document went out (order, expiry), each signer's channel and what they did (the
 * signature image in the file store, how their identity was checked, why they declined), the link token's hash, and
 * one-time codes for signing in person.
 */
export const signing: Migration = {
  version: 10,
  name: 'signing',
  async up(db) {
    await db.schema.alterTable('documents').addColumn('signing_order', 'text').execute();
    await db.schema.alterTable('documents').addColumn('sent_at', 'text').execute();
    await db.schema.alterTable('documents').addColumn('expires_at', 'text').execute();
    // The expiry sweep reads only documents still out for signing that have a deadline.
    await db.schema.createIndex('documents_expiry').on('documents').column('expires_at').where(sql.ref('expires_at'), 'is not', null).execute();

    for (const [column, type] of [
      ['channel', 'text'],
      ['language', 'text'],
      // SHA-256 of the signing link's token: the token itself is only ever in the message sent to the signer.
      ['token_hash', 'text'],
      ['viewed_at', 'text'],
      ['identity_check', 'text'],
      ['signature_method', 'text'],
      ['signature_sha256', 'text'],
      ['declined_at', 'text'],
      ['declined_reason', 'text'],
    ] as const) {
      await db.schema.alterTable('document_signers').addColumn(column, type).execute();
    }
    await db.schema.createIndex('document_signers_token').on('document_signers').column('token_hash').unique().where(sql.ref('token_hash'), 'is not', null).execute();

    // Values the signers typed into their fields at signing, by field id; the layout itself is the document's.
    await db.schema
      .createTable('signer_values')
      .addColumn('signer_id', 'integer', (c) => c.notNull().references('document_signers.id').onDelete('cascade'))
      .addColumn('field_id', 'text', (c) => c.notNull())
      .addColumn('value', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('signer_values_pk', ['signer_id', 'field_id'])
      .execute();

    // The same definition makes the company server's (its migration 004).
    await createOtpTable(db, { table: 'document_signers', keyType: 'integer' });
  },
};

import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { defaultStages } from '../../../src-shared/documents/stages';
import type { Migration } from './migration';

/**
 * Documents get their lifecycle: the company's stages (seeded with the defaults, each with its fixed phase), a stage
 * per document, amounts, deadlines, departments, tags, signer statuses, and the append-only, hash-chained history.
 * Documents that existed before (demo data) start in Draft with a history of one "created" event written by the
 * service on first read; here they only get their stage.
 */
export const documentLifecycle: Migration = {
  version: 4,
  name: 'document-lifecycle',
  async up(db) {
    await db.schema
      .createTable('document_stages')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('key', 'text', (c) => c.unique())
      .addColumn('name', 'text')
      .addColumn('color', 'text', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('phase', 'text', (c) => c.notNull())
      .execute();
    const ids = new Map<string, string>();
    for (const [i, stage] of defaultStages.entries()) {
      const id = randomUUID();
      ids.set(stage.key, id);
      await db.insertInto('document_stages' as never).values({ id, key: stage.key, name: null, color: stage.color, position: (i + 1) * 1000, phase: stage.phase } as never).execute();
    }

    await db.schema.alterTable('documents').addColumn('stage_id', 'text', (c) => c.references('document_stages.id')).execute();
    await db.schema.alterTable('documents').addColumn('amount_minor', 'integer').execute();
    await db.schema.alterTable('documents').addColumn('currency', 'text').execute();
    await db.schema.alterTable('documents').addColumn('due_date', 'text').execute();
    await db.schema.alterTable('documents').addColumn('department', 'text').execute();
    await db.schema.alterTable('documents').addColumn('sealed_sha256', 'text', (c) => c.references('files.sha256')).execute();
    await db.schema.alterTable('documents').addColumn('version', 'integer', (c) => c.notNull().defaultTo(1)).execute();
    await sql`update documents set stage_id = ${ids.get('draft')!}`.execute(db);
    // The board reads a column at a time in its order; filters narrow by owner, deadline and amount.
    await db.schema.createIndex('documents_stage').on('documents').columns(['stage_id', 'updated_at', 'id']).execute();
    // Column counts and sums per currency, read from the index alone.
    await db.schema.createIndex('documents_stage_totals').on('documents').columns(['stage_id', 'currency', 'amount_minor']).execute();
    await db.schema.createIndex('documents_owner').on('documents').column('owner_id').execute();
    await db.schema.createIndex('documents_due').on('documents').column('due_date').execute();
    await db.schema.createIndex('documents_department').on('documents').column('department').execute();

    await db.schema.createTable('document_tags')
      .addColumn('document_id', 'text', (c) => c.notNull().references('documents.id').onDelete('cascade'))
      .addColumn('tag', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('document_tags_pk', ['document_id', 'tag'])
      .execute();
    await db.schema.createIndex('document_tags_tag').on('document_tags').columns(['tag', 'document_id']).execute();

    await db.schema.alterTable('document_signers').addColumn('status', 'text', (c) => c.notNull().defaultTo('waiting')).execute();
    await db.schema.alterTable('document_signers').addColumn('signed_at', 'text').execute();
    await db.schema.createIndex('document_signers_document').on('document_signers').columns(['document_id', 'position']).execute();
    // "My documents" and "this counterparty's documents": the documents of one party, read from the index alone.
    await db.schema.createIndex('document_signers_user_document').on('document_signers').columns(['user_id', 'document_id']).execute();
    await db.schema.createIndex('document_signers_contact_document').on('document_signers').columns(['contact_id', 'document_id']).execute();

    // Append-only: the service never updates or deletes a row; each carries the hash of the one before.
    await db.schema
      .createTable('document_events')
      .addColumn('document_id', 'text', (c) => c.notNull().references('documents.id').onDelete('cascade'))
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('details', 'text')
      .addColumn('prev_hash', 'text', (c) => c.notNull())
      .addColumn('hash', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('document_events_pk', ['document_id', 'seq'])
      .execute();

    // Each employee's own board: columns shown and their order, card fields, filters, sort, density (JSON).
    await db.schema
      .createTable('board_views')
      .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
      .addColumn('view', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('number_counters')
      .addColumn('prefix', 'text', (c) => c.primaryKey())
      .addColumn('last', 'integer', (c) => c.notNull())
      .execute();

    // Search as you type over title, number, counterparties (name, company, tax ID) and tags; kept by the service.
    await sql`create virtual table documents_fts using fts5(document_id unindexed, title, number, parties, tags, tokenize = 'unicode61 remove_diacritics 2')`.execute(db);
  },
};

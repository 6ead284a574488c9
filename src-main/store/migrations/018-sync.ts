import { sql, type Kysely } from 'kysely';
import type { Migration } from './migration';

/** Tables whose writes are synced: the sync id they mark as changed, for a new row and for an old one. */
export interface MarkedTable {
  table: string;
  entity: string;
  /** The sync id, as SQL over the trigger's row. */
  id: (row: 'NEW' | 'OLD') => string;
  on: readonly ('INSERT' | 'UPDATE' | 'DELETE')[];
}

const marked: MarkedTable[] = [
  { table: 'users', entity: 'user', id: (r) => `${r}.id`, on: ['INSERT', 'UPDATE', 'DELETE'] },
  { table: 'contacts', entity: 'contact', id: (r) => `${r}.id`, on: ['INSERT', 'UPDATE', 'DELETE'] },
  { table: 'files', entity: 'file', id: (r) => `${r}.sha256`, on: ['INSERT', 'UPDATE'] },
  // Signet's own stages have a random id on every install but one key everywhere: they are synced by the key.
  { table: 'document_stages', entity: 'stage', id: (r) => `CASE WHEN ${r}.key IS NOT NULL THEN 'key:' || ${r}.key ELSE ${r}.id END`, on: ['INSERT', 'UPDATE', 'DELETE'] },
  { table: 'documents', entity: 'document', id: (r) => `${r}.id`, on: ['INSERT', 'UPDATE', 'DELETE'] },
  { table: 'document_signers', entity: 'document', id: (r) => `${r}.document_id`, on: ['INSERT', 'UPDATE', 'DELETE'] },
  { table: 'document_tags', entity: 'document', id: (r) => `${r}.document_id`, on: ['INSERT', 'DELETE'] },
  { table: 'templates', entity: 'template', id: (r) => `${r}.id`, on: ['INSERT', 'UPDATE', 'DELETE'] },
];

const wallClock = `strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`;
const unlessApplying = 'WHEN NOT EXISTS (SELECT 1 FROM sync_applying)';
const markSql = (entity: string, id: string, key: string) =>
  `INSERT INTO sync_dirty (entity, entity_id, key, at) VALUES ('${entity}', ${id}, ${key}, ${wallClock}) ON CONFLICT (entity, entity_id, key) DO UPDATE SET at = excluded.at;`;

/** The triggers that mark a table's written records changed (none while a pull applies, see sync_applying). */
export async function createMarkTriggers(db: Kysely<unknown>, t: MarkedTable): Promise<void> {
  for (const op of t.on) {
    const row = op === 'DELETE' ? 'OLD' : 'NEW';
    await sql.raw(`CREATE TRIGGER sync_mark_${t.table}_${op.toLowerCase()} AFTER ${op} ON ${t.table} ${unlessApplying} BEGIN ${markSql(t.entity, t.id(row), "''")} END`).execute(db);
  }
}

/** Marks every record a table holds now, so the next sync compares (and sends) what changed before it was synced. */
export async function markExisting(db: Kysely<unknown>, t: Pick<MarkedTable, 'table' | 'entity' | 'id'>): Promise<void> {
  await sql.raw(`INSERT OR IGNORE INTO sync_dirty (entity, entity_id, key, at) SELECT '${t.entity}', ${t.id('NEW').replaceAll('NEW.', '')}, '', ${wallClock} FROM ${t.table}`).execute(db);
}

/**
 * Offline-first sync with the company server (issue 7).
 *
 * The change log starts in SQLite itself: a trigger on every synced table marks the record changed (`sync_dirty`, with
 * the wall time of the write) in the very transaction of the write, whichever service made it — a writer added later
 * cannot forget to log. The sync worker turns marks into stamped changes (`sync_outbox`) by comparing the record with
 * `sync_fields`, which holds per synced field the value last written or taken and its clock stamp; a pulled change is
 * taken only when its stamp is later. `sync_conflicts` keeps what a merge refused (a change to a signed document, an
 * illegal stage move, an event id with two contents), to be shown; `sync_pending` what was pulled but cannot be
 * applied yet. Every record that exists now is marked, so the first sync sends what was made before it.
 */
export const sync: Migration = {
  version: 18,
  name: 'sync',
  async up(db) {
    await db.schema
      .createTable('sync_dirty')
      .addColumn('entity', 'text', (c) => c.notNull())
      .addColumn('entity_id', 'text', (c) => c.notNull())
      // '' for a record; an event's position for a history event.
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('sync_dirty_pk', ['entity', 'entity_id', 'key'])
      .execute();
    await db.schema
      .createTable('sync_fields')
      .addColumn('entity', 'text', (c) => c.notNull())
      .addColumn('entity_id', 'text', (c) => c.notNull())
      .addColumn('field', 'text', (c) => c.notNull())
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('stamp', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('sync_fields_pk', ['entity', 'entity_id', 'field'])
      .execute();
    await db.schema
      .createTable('sync_outbox')
      .addColumn('seq', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('payload', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('sync_conflicts')
      .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
      .addColumn('entity', 'text', (c) => c.notNull())
      .addColumn('entity_id', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('details', 'text', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('sync_pending')
      .addColumn('entity', 'text', (c) => c.notNull())
      .addColumn('entity_id', 'text', (c) => c.notNull())
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('payload', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('sync_pending_pk', ['entity', 'entity_id', 'key'])
      .execute();

    // Set (one row) while a pull applies others' changes in its transaction: those writes are not this laptop's, so
    // the triggers leave them unmarked rather than mark them for the worker to find unchanged.
    await db.schema.createTable('sync_applying').addColumn('id', 'integer', (c) => c.primaryKey()).execute();
    for (const t of marked) {
      await createMarkTriggers(db, t);
      await markExisting(db, t);
    }
    await sql.raw(`CREATE TRIGGER sync_mark_document_events_insert AFTER INSERT ON document_events ${unlessApplying} BEGIN ${markSql('event', 'NEW.document_id', 'CAST(NEW.seq AS TEXT)')} END`).execute(db);
    await sql.raw(`INSERT OR IGNORE INTO sync_dirty (entity, entity_id, key, at) SELECT 'event', document_id, CAST(seq AS TEXT), ${wallClock} FROM document_events`).execute(db);
  },
};

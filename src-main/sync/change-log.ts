import type { Kysely, Transaction } from 'kysely';
import { encodeStamp } from '../../src-shared/sync/hlc';
import type { EventChange, FieldChange, SyncEntity } from '../../src-shared/sync/protocol';
import type { Database } from '../store/schema';
import { syncedRecords } from './records';
import { nextStamp } from './sync-clock';
import { deletedField, type SyncedFields } from './synced-record';
import { eventId } from './event-id';
import { startingStamp, startingValue } from '../../src-shared/sync/starting-values';

/** Marks taken per transaction: a large first snapshot is stamped in steps, each committed. */
const stepSize = 500;

/**
 * Turns the triggers' marks into stamped changes waiting to be pushed: each marked record is compared with what sync
 * last recorded for it, and every field that differs is stamped (with the time of the write, so an edit made offline
 * keeps its place in time) and logged. A history event is logged as it is. Runs until no mark is left; returns how
 * many changes were logged. Each step is one transaction, so a crash leaves marks or changes, never neither.
 */
export async function logChanges(db: Kysely<Database>): Promise<number> {
  let logged = 0;
  for (;;) {
    const step = await db.transaction().execute((trx) => logStep(trx, stepSize));
    logged += step.logged;
    if (step.marks < stepSize) return logged;
  }
}

/** Every mark, inside the caller's transaction (a pull logs what is marked before it applies anything). */
export async function logChangesIn(trx: Transaction<Database>): Promise<number> {
  return (await logStep(trx, Number.MAX_SAFE_INTEGER)).logged;
}

async function logStep(trx: Transaction<Database>, limit: number): Promise<{ marks: number; logged: number }> {
  const marks = await trx.selectFrom('sync_dirty').selectAll().orderBy('at').limit(limit).execute();
  let logged = 0;
  for (const m of marks) {
    logged += m.entity === 'event' ? await logEvent(trx, m.entity_id, Number(m.key), Date.parse(m.at)) : await logRecord(trx, m.entity as SyncEntity, m.entity_id, Date.parse(m.at));
    await trx.deleteFrom('sync_dirty').where('entity', '=', m.entity).where('entity_id', '=', m.entity_id).where('key', '=', m.key).execute();
  }
  return { marks: marks.length, logged };
}

/** Logs the fields of one record that differ from what sync last recorded; a vanished row is logged as deleted. */
export async function logRecord(db: Kysely<Database>, entity: SyncEntity, id: string, atMs: number): Promise<number> {
  const record = syncedRecords[entity];
  const now = await record.read(db, id);
  const known = new Map((await db.selectFrom('sync_fields').select(['field', 'value']).where('entity', '=', entity).where('entity_id', '=', id).execute()).map((r) => [r.field, r.value]));
  // What every install starts with and this one no longer has (a seed rule deleted before sync) is a deletion to push.
  const seeded = startingValue(entity, id, deletedField) !== undefined;
  if (!now && known.size === 0 && !seeded) return 0;
  const current: SyncedFields = now ? (known.get(deletedField) === 'true' ? { ...now, [deletedField]: false } : now) : { [deletedField]: true };
  const changed = Object.entries(current).filter(([field, value]) => known.get(field) !== JSON.stringify(value));
  if (changed.length === 0) return 0;
  const stamp = encodeStamp(await nextStamp(db, atMs));
  // Never logged before, a field still at what every install starts with is that starting value, not an edit made
  // now: it carries the starting stamp, so a desktop that joins late does not undo the company's edit of it.
  const stampOf = (field: string, value: unknown) => (known.size === 0 && startingValue(entity, id, field) === value ? startingStamp : stamp);
  const changes: FieldChange[] = changed.map(([field, value]) => ({ entity, id, field, value, stamp: stampOf(field, value) }));
  await db
    .insertInto('sync_fields')
    .values(changes.map((c) => ({ entity, entity_id: id, field: c.field, value: JSON.stringify(c.value), stamp: c.stamp })))
    .onConflict((oc) => oc.columns(['entity', 'entity_id', 'field']).doUpdateSet((eb) => ({ value: eb.ref('excluded.value'), stamp: eb.ref('excluded.stamp') })))
    .execute();
  await db.insertInto('sync_outbox').values(changes.map((c) => ({ kind: 'field' as const, payload: JSON.stringify(c) }))).execute();
  return changes.length;
}

/** A history event's stored content, canonical, with its place in the chain where it was written (seq, prev_hash). */
export function eventBody(row: Database['document_events']): string {
  return JSON.stringify({ seq: row.seq, at: row.at, type: row.type, actor: row.actor, details: row.details, prev_hash: row.prev_hash });
}

async function logEvent(db: Kysely<Database>, documentId: string, seq: number, atMs: number): Promise<number> {
  const row = await db.selectFrom('document_events').selectAll().where('document_id', '=', documentId).where('seq', '=', seq).executeTakeFirst();
  if (!row) return 0;
  const change: EventChange = { documentId, eventId: eventId(documentId, row), body: eventBody(row), stamp: encodeStamp(await nextStamp(db, atMs)) };
  await db.insertInto('sync_outbox').values({ kind: 'event', payload: JSON.stringify(change) }).execute();
  return 1;
}

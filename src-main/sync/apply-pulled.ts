import { sql, type Transaction } from 'kysely';
import { compareStamps, decodeStamp, encodeStamp } from '../../src-shared/sync/hlc';
import { syncEntities, type EventChange, type FieldChange, type PulledEntry, type SyncEntity } from '../../src-shared/sync/protocol';
import type { Database } from '../store/schema';
import { logChangesIn } from './change-log';
import { syncedRecords } from './records';
import { nextStamp, observeStamp } from './sync-clock';
import type { SyncedFields } from './synced-record';

export interface Applied {
  /** Documents whose card or panel changed. */
  documents: Set<string>;
  /** What the merge refused (kept in sync_conflicts). */
  conflicts: number;
  /** Records and events waiting for something not here yet. */
  pending: number;
}

interface StoredEvent {
  seq: number;
  at: string;
  type: string;
  actor: string;
  details: string | null;
  prev_hash: string;
}

/**
 * Applies one pulled page in one transaction. Local marks are logged first, in the same transaction, so a local edit
 * not yet stamped is compared with the pulled change by its own time rather than overwritten. A field is taken when
 * its stamp is later than the one recorded here (last writer wins), unless the record is frozen (signed, sealed) or
 * the record refuses it (a stage move the lifecycle forbids): those are recorded as conflicts. The marks the writes
 * themselves leave are dropped, so what was taken is not pushed back as this desktop's change.
 */
export async function applyPulled(trx: Transaction<Database>, entries: readonly PulledEntry[], now: Date): Promise<Applied> {
  await logChangesIn(trx);
  const at = now.toISOString();
  const applied: Applied = { documents: new Set(), conflicts: 0, pending: 0 };
  const fields = entries.flatMap((e) => (e.kind === 'field' ? [e.change] : []));
  const byRecord = new Map<string, FieldChange[]>();
  for (const f of fields) {
    const key = `${syncEntities.indexOf(f.entity)}\u0000${f.entity}\u0000${f.id}`;
    byRecord.set(key, [...(byRecord.get(key) ?? []), f]);
  }
  for (const key of [...byRecord.keys()].sort()) {
    const changes = byRecord.get(key)!;
    await applyRecord(trx, changes[0]!.entity, changes[0]!.id, changes, at, applied, now);
  }
  for (const e of entries) if (e.kind === 'event') await applyEvent(trx, e.change, at, applied, now);
  await retryPending(trx, at, applied, now);
  await trx.deleteFrom('sync_dirty').execute();
  return applied;
}

async function applyRecord(trx: Transaction<Database>, entity: SyncEntity, id: string, changes: readonly FieldChange[], at: string, applied: Applied, now: Date): Promise<void> {
  const record = syncedRecords[entity];
  const known = new Map((await trx.selectFrom('sync_fields').select(['field', 'value', 'stamp']).where('entity', '=', entity).where('entity_id', '=', id).execute()).map((r) => [r.field, r]));
  const frozen = record.frozen ? await record.frozen(trx, id) : null;
  const taken: FieldChange[] = [];
  for (const change of changes) {
    await observeStamp(trx, decodeStamp(change.stamp), now.getTime());
    const local = known.get(change.field);
    const value = JSON.stringify(change.value);
    if (local && !laterThan(change.stamp, value, local.stamp, local.value)) continue;
    if (local?.value === value) {
      taken.push(change);
      continue;
    }
    const refusal = frozen?.fields.has(change.field) ? frozen.reason : record.refuse ? await record.refuse(trx, id, change.field, change.value) : null;
    if (refusal) {
      await refuse(trx, entity, id, change, refusal, at, applied, now);
      continue;
    }
    taken.push(change);
  }
  if (taken.length === 0) return;
  await trx
    .insertInto('sync_fields')
    .values(taken.map((c) => ({ entity, entity_id: id, field: c.field, value: JSON.stringify(c.value), stamp: c.stamp })))
    .onConflict((oc) => oc.columns(['entity', 'entity_id', 'field']).doUpdateSet((eb) => ({ value: eb.ref('excluded.value'), stamp: eb.ref('excluded.stamp') })))
    .execute();
  await writeRecord(trx, entity, id, at, applied);
}

/** How often one field's local value is asserted again after a refusal: enough to converge, never a loop between two. */
const maxReassertions = 3;

/**
 * A pulled change this record may not take. Reported; and the local value is stamped again and pushed, so the other
 * laptops take it (where the change was legal, so is going back) and every device ends the same — the signed text,
 * the stage the signature put it in. Bounded: two laptops that both refuse each other's value stop after a few rounds
 * and the conflict stays on record.
 */
async function refuse(trx: Transaction<Database>, entity: SyncEntity, id: string, change: FieldChange, reason: string, at: string, applied: Applied, now: Date): Promise<void> {
  const before = await trx
    .selectFrom('sync_conflicts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('entity', '=', entity)
    .where('entity_id', '=', id)
    .where(sql<boolean>`json_extract(details, '$.field') = ${change.field}`)
    .executeTakeFirstOrThrow();
  await conflict(trx, entity, id, reason, { field: change.field, value: change.value, stamp: change.stamp }, at, applied);
  if (Number(before.n) >= maxReassertions) return;
  const local = await trx.selectFrom('sync_fields').select('value').where('entity', '=', entity).where('entity_id', '=', id).where('field', '=', change.field).executeTakeFirst();
  if (!local) return;
  const stamp = encodeStamp(await nextStamp(trx, now.getTime()));
  await trx.updateTable('sync_fields').set({ stamp }).where('entity', '=', entity).where('entity_id', '=', id).where('field', '=', change.field).execute();
  const again: FieldChange = { entity, id, field: change.field, value: JSON.parse(local.value) as FieldChange['value'], stamp };
  await trx.insertInto('sync_outbox').values({ kind: 'field', payload: JSON.stringify(again) }).execute();
}

/** The later of two writes by stamp; one stamp with two values (a replay gone wrong) is settled by the value's text. */
function laterThan(stamp: string, value: string, otherStamp: string, otherValue: string): boolean {
  const order = compareStamps(decodeStamp(stamp), decodeStamp(otherStamp));
  return order > 0 || (order === 0 && value > otherValue);
}

async function writeRecord(trx: Transaction<Database>, entity: SyncEntity, id: string, at: string, applied: Applied): Promise<boolean> {
  const rows = await trx.selectFrom('sync_fields').select(['field', 'value']).where('entity', '=', entity).where('entity_id', '=', id).execute();
  const merged: SyncedFields = Object.fromEntries(rows.map((r) => [r.field, JSON.parse(r.value) as SyncedFields[string]]));
  const outcome = await syncedRecords[entity].write(trx, id, merged, at);
  if (outcome.kind === 'incomplete') {
    await trx.insertInto('sync_pending').values({ entity, entity_id: id, key: '', payload: outcome.missing }).onConflict((oc) => oc.doNothing()).execute();
    applied.pending += 1;
    return false;
  }
  await trx.deleteFrom('sync_pending').where('entity', '=', entity).where('entity_id', '=', id).where('key', '=', '').execute();
  if (outcome.kind === 'refused') {
    await conflict(trx, entity, id, outcome.reason, {}, at, applied);
    return false;
  }
  if (entity === 'document') applied.documents.add(id);
  return true;
}

async function applyEvent(trx: Transaction<Database>, change: EventChange, at: string, applied: Applied, now: Date): Promise<boolean> {
  await observeStamp(trx, decodeStamp(change.stamp), now.getTime());
  const doc = await trx.selectFrom('documents').select('id').where('id', '=', change.documentId).executeTakeFirst();
  if (!doc) {
    await trx.insertInto('sync_pending').values({ entity: 'event', entity_id: change.documentId, key: change.eventId, payload: JSON.stringify(change) }).onConflict((oc) => oc.doNothing()).execute();
    applied.pending += 1;
    return false;
  }
  const body = JSON.parse(change.body) as StoredEvent;
  const there = await trx.selectFrom('document_events').select('hash').where('document_id', '=', change.documentId).where('seq', '=', body.seq).executeTakeFirst();
  if (there && there.hash !== change.eventId) await conflict(trx, 'event', change.documentId, 'eventSeqTaken', { seq: body.seq, eventId: change.eventId }, at, applied);
  if (!there) {
    await trx.insertInto('document_events').values({ document_id: change.documentId, seq: body.seq, at: body.at, type: body.type, actor: body.actor, details: body.details, prev_hash: body.prev_hash, hash: change.eventId }).execute();
    applied.documents.add(change.documentId);
  }
  await trx.deleteFrom('sync_pending').where('entity', '=', 'event').where('entity_id', '=', change.documentId).where('key', '=', change.eventId).execute();
  return true;
}

/** Records and events held back for what they point at: tried again in order until a pass makes no progress. */
async function retryPending(trx: Transaction<Database>, at: string, applied: Applied, now: Date): Promise<void> {
  for (;;) {
    const pending = await trx.selectFrom('sync_pending').selectAll().execute();
    if (pending.length === 0) return;
    const ordered = [...pending].sort((a, b) => rank(a.entity) - rank(b.entity));
    let progress = false;
    const before = applied.pending;
    for (const p of ordered) {
      const done = p.entity === 'event' ? await applyEvent(trx, JSON.parse(p.payload) as EventChange, at, applied, now) : await writeRecord(trx, p.entity as SyncEntity, p.entity_id, at, applied);
      progress ||= done;
    }
    applied.pending = before;
    if (!progress) {
      applied.pending = pending.length;
      return;
    }
  }
}

function rank(entity: string): number {
  const i = syncEntities.indexOf(entity as SyncEntity);
  return i < 0 ? syncEntities.length : i;
}

async function conflict(trx: Transaction<Database>, entity: string, id: string, reason: string, details: object, at: string, applied: Applied): Promise<void> {
  await trx.insertInto('sync_conflicts').values({ entity, entity_id: id, reason, details: JSON.stringify(details), at }).execute();
  applied.conflicts += 1;
}

import { sql, type Transaction } from 'kysely';
import { compareStamps, decodeStamp, encodeStamp } from '../../src-shared/sync/hlc';
import { syncEntities, type EventChange, type FieldChange, type PulledEntry, type SyncEntity } from '../../src-shared/sync/protocol';
import type { Database } from '../store/schema';
import { logChangesIn } from './change-log';
import { syncedRecords } from './records';
import { nextStamp, observeStamp } from './sync-clock';
import { deletedField, type SyncedFields, type WriteOutcome } from './synced-record';
import { insertNewDocuments, type NewDocument } from './records/new-documents';
import { eventId } from './event-id';
import { eventHash, genesisHash } from '../evidence/chain';
import { beats } from '../../src-shared/sync/merge';
import { inChunks } from '../store/in-chunks';

export interface Applied {
  /** Documents whose card or panel changed. */
  documents: Set<string>;
  /** What the merge refused (kept in sync_conflicts). */
  conflicts: number;
}

/** An event's body as eventBody (change-log.ts) writes it: its row without the document and the hash (its id). */
type StoredEvent = Omit<Database['document_events'], 'document_id' | 'hash'>;

/**
 * Applies one pulled page in one transaction. Local marks are logged first, in the same transaction, so a local edit
 * not yet stamped is compared with the pulled change by its own time rather than overwritten. A field is taken when
 * its stamp is later than the one recorded here (last writer wins), unless the record is frozen (signed, sealed) or
 * the record refuses it (a stage move the lifecycle forbids): those are recorded as conflicts. The triggers mark
 * nothing meanwhile (sync_applying), so what was taken is not pushed back as this desktop's change.
 */
export async function applyPulled(trx: Transaction<Database>, entries: readonly PulledEntry[], now: Date): Promise<Applied> {
  await logChangesIn(trx);
  await trx.insertInto('sync_applying').values({ id: 1 }).onConflict((oc) => oc.doNothing()).execute();
  // The clock moves past the page's latest stamp once, not once per change: the same clock after, far fewer writes.
  const latest = entries.map((e) => e.change.stamp).reduce<string | null>((max, stamp) => (max === null || compareStamps(decodeStamp(stamp), decodeStamp(max)) > 0 ? stamp : max), null);
  if (latest) await observeStamp(trx, decodeStamp(latest), now.getTime());
  const at = now.toISOString();
  const applied: Applied = { documents: new Set(), conflicts: 0 };
  const fields = entries.flatMap((e) => (e.kind === 'field' ? [e.change] : []));
  const byRecord = new Map<string, FieldChange[]>();
  for (const f of fields) {
    const key = `${syncEntities.indexOf(f.entity)}\u0000${f.entity}\u0000${f.id}`;
    byRecord.set(key, [...(byRecord.get(key) ?? []), f]);
  }
  const knownOf = await knownOfPage(trx, fields);
  const newDocuments: NewDocument[] = [];
  for (const key of [...byRecord.keys()].sort()) {
    const changes = byRecord.get(key)!;
    await applyRecord(trx, changes[0]!.entity, changes[0]!.id, changes, knownOf, at, applied, now, newDocuments);
  }
  // Documents never had here go in together (a first pull's thousands); any the bulk path hands back go one by one.
  const bulk = await insertNewDocuments(trx, newDocuments, at);
  for (const id of bulk.written) applied.documents.add(id);
  for (const d of bulk.rest) await writeRecord(trx, 'document', d.id, at, applied, d.fields);
  await applyEvents(trx, entries.flatMap((e) => (e.kind === 'event' ? [e.change] : [])), at, applied);
  await retryPending(trx, at, applied);
  await trx.deleteFrom('sync_applying').execute();
  return applied;
}

type KnownField = { field: string; value: string; stamp: string };

/** What sync_fields holds for every record the page touches, read in a few queries rather than one per record. */
async function knownOfPage(trx: Transaction<Database>, fields: readonly FieldChange[]): Promise<(entity: SyncEntity, id: string) => Map<string, KnownField>> {
  const known = new Map<string, Map<string, KnownField>>();
  for (const entity of syncEntities) {
    const ids = [...new Set(fields.filter((f) => f.entity === entity).map((f) => f.id))];
    for (const part of chunks(ids)) {
      const rows = await trx.selectFrom('sync_fields').select(['entity_id', 'field', 'value', 'stamp']).where('entity', '=', entity).where('entity_id', 'in', part).execute();
      for (const r of rows) {
        const key = `${entity}\u0000${r.entity_id}`;
        if (!known.has(key)) known.set(key, new Map());
        known.get(key)!.set(r.field, r);
      }
    }
  }
  return (entity, id) => known.get(`${entity}\u0000${id}`) ?? new Map();
}

async function applyRecord(
  trx: Transaction<Database>,
  entity: SyncEntity,
  id: string,
  changes: readonly FieldChange[],
  knownOf: (entity: SyncEntity, id: string) => Map<string, KnownField>,
  at: string,
  applied: Applied,
  now: Date,
  newDocuments: NewDocument[],
): Promise<void> {
  const record = syncedRecords[entity];
  const known = knownOf(entity, id);
  // A record never seen here has nothing to protect: no frozen fields, no stage to move from.
  const fresh = known.size === 0;
  const frozen = !fresh && record.frozen ? await record.frozen(trx, id) : null;
  const taken: FieldChange[] = [];
  for (const change of changes) {
    const local = known.get(change.field);
    const value = JSON.stringify(change.value);
    if (local && !beats(change.stamp, value, local.stamp, local.value)) continue;
    if (local?.value === value) {
      taken.push(change);
      continue;
    }
    const refusal = frozen?.fields.has(change.field) ? frozen.reason : !fresh && record.refuse ? await record.refuse(trx, id, change.field, change.value) : null;
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
  const merged: SyncedFields = Object.fromEntries([...known.values()].map((r) => [r.field, JSON.parse(r.value) as SyncedFields[string]]));
  for (const c of taken) merged[c.field] = c.value;
  // A document made and deleted elsewhere before this desktop saw it is written (to nothing) one by one.
  if (entity === 'document' && fresh && merged[deletedField] !== true) newDocuments.push({ id, fields: merged });
  else await writeRecord(trx, entity, id, at, applied, merged);
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

/** Writes the record from its merged fields (read from sync_fields when not given: a pending record tried again). */
export async function writeRecord(trx: Transaction<Database>, entity: SyncEntity, id: string, at: string, applied: Applied, given?: SyncedFields): Promise<boolean> {
  const merged = given ?? (await knownFields(trx, entity, id));
  const outcome = await guardedWrite(trx, entity, id, merged, at);
  if (outcome.kind === 'incomplete') {
    await trx.insertInto('sync_pending').values({ entity, entity_id: id, key: '', payload: outcome.missing }).onConflict((oc) => oc.doNothing()).execute();
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

/**
 * One record's write inside a savepoint: a record the local store cannot take (a constraint it breaks — another
 * document already holds its number, say) is undone alone and refused with the store's reason, and the rest of the
 * page goes on. Without this one bad record would fail every pull from then on.
 */
async function guardedWrite(trx: Transaction<Database>, entity: SyncEntity, id: string, merged: SyncedFields, at: string): Promise<WriteOutcome> {
  await sql`savepoint sync_record`.execute(trx);
  try {
    const outcome = await syncedRecords[entity].write(trx, id, merged, at);
    await sql`release sync_record`.execute(trx);
    return outcome;
  } catch (error) {
    await sql`rollback to sync_record`.execute(trx);
    await sql`release sync_record`.execute(trx);
    const reason = error instanceof Error ? error.message : String(error);
    return { kind: 'refused', reason: /UNIQUE constraint failed: documents\.number/.test(reason) ? 'documentNumberTaken' : `writeFailed: ${reason.slice(0, 200)}` };
  }
}

async function knownFields(trx: Transaction<Database>, entity: SyncEntity, id: string): Promise<SyncedFields> {
  const rows = await trx.selectFrom('sync_fields').select(['field', 'value']).where('entity', '=', entity).where('entity_id', '=', id).execute();
  return Object.fromEntries(rows.map((r) => [r.field, JSON.parse(r.value) as SyncedFields[string]]));
}

/** 500 ids in a list, or 500 event rows of 8 columns a statement. */
const chunks = <T>(items: readonly T[]) => inChunks(items, 500);

/**
 * A page's history events, merged as a set by their content id (event-id.ts) and inserted in bulk (a first pull brings
 * tens of thousands). Each new one is chained onto this desktop's last entry: one that follows the entry it followed
 * where it was written keeps its place and hash, so histories stay identical while laptops take turns; one written
 * while this desktop appended its own lands after them (new place, new link), so the history holds both and the chain
 * still verifies. An event of a document not here yet waits. Returns how many were settled.
 */
async function applyEvents(trx: Transaction<Database>, changes: readonly EventChange[], at: string, applied: Applied): Promise<number> {
  if (changes.length === 0) return 0;
  const present = new Set<string>();
  const known = new Set<string>();
  const last = new Map<string, { seq: number; hash: string }>();
  for (const ids of chunks([...new Set(changes.map((c) => c.documentId))])) {
    for (const d of await trx.selectFrom('documents').select('id').where('id', 'in', ids).execute()) present.add(d.id);
    for (const e of await trx.selectFrom('document_events').selectAll().where('document_id', 'in', ids).orderBy('seq').execute()) {
      known.add(eventId(e.document_id, e));
      last.set(e.document_id, { seq: e.seq, hash: e.hash });
    }
  }
  const wasPending = await trx.selectFrom('sync_pending').select('key').where('entity', '=', 'event').limit(1).executeTakeFirst();
  const inserts: Database['document_events'][] = [];
  const settled: EventChange[] = [];
  for (const change of changes) {
    if (!present.has(change.documentId)) {
      await trx.insertInto('sync_pending').values({ entity: 'event', entity_id: change.documentId, key: change.eventId, payload: JSON.stringify(change) }).onConflict((oc) => oc.doNothing()).execute();
      continue;
    }
    settled.push(change);
    if (known.has(change.eventId)) continue;
    known.add(change.eventId);
    const body = JSON.parse(change.body) as StoredEvent;
    const tail = last.get(change.documentId) ?? { seq: 0, hash: genesisHash };
    // Chained onto this desktop's last entry: where that is the entry it followed where it was written, this gives
    // back its own hash.
    const event = { at: body.at, type: body.type, actor: body.actor, ...(body.details ? { details: JSON.parse(body.details) as Record<string, string> } : {}) };
    const hash = eventHash(tail.hash, event);
    inserts.push({ document_id: change.documentId, seq: tail.seq + 1, at: body.at, type: body.type, actor: body.actor, details: body.details, prev_hash: tail.hash, hash });
    last.set(change.documentId, { seq: tail.seq + 1, hash });
    applied.documents.add(change.documentId);
  }
  for (const rows of chunks(inserts)) await trx.insertInto('document_events').values(rows).execute();
  if (wasPending) {
    for (const c of settled) await trx.deleteFrom('sync_pending').where('entity', '=', 'event').where('entity_id', '=', c.documentId).where('key', '=', c.eventId).execute();
  }
  return settled.length;
}

/** Records and events held back for what they point at: tried again in order until a pass makes no progress. */
async function retryPending(trx: Transaction<Database>, at: string, applied: Applied): Promise<void> {
  for (;;) {
    const pending = await trx.selectFrom('sync_pending').selectAll().execute();
    if (pending.length === 0) return;
    const ordered = [...pending].sort((a, b) => rank(a.entity) - rank(b.entity));
    let progress = false;
    for (const p of ordered.filter((r) => r.entity !== 'event')) progress = (await writeRecord(trx, p.entity as SyncEntity, p.entity_id, at, applied)) || progress;
    const events = ordered.filter((r) => r.entity === 'event').map((r) => JSON.parse(r.payload) as EventChange);
    progress = (await applyEvents(trx, events, at, applied)) > 0 || progress;
    if (!progress) return;
  }
}

function rank(entity: string): number {
  const i = syncEntities.indexOf(entity as SyncEntity);
  return i < 0 ? syncEntities.length : i;
}

export async function conflict(trx: Transaction<Database>, entity: string, id: string, reason: string, details: object, at: string, applied: Applied): Promise<void> {
  await trx.insertInto('sync_conflicts').values({ entity, entity_id: id, reason, details: JSON.stringify(details), at }).execute();
  applied.conflicts += 1;
}

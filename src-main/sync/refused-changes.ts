import { sql, type Kysely, type Transaction } from 'kysely';
import type { RefusedChange, SyncEntity } from '../../src-shared/sync/protocol';
import type { Database } from '../store/schema';
import { conflict, writeRecord, type Applied } from './apply-pulled';
import { deletedField } from './synced-record';
import { eventId } from './event-id';
import { documentActingActions } from '../../src-shared/permissions/actions';
import { can } from '../../src-shared/permissions/policy';
import { ownershipOf } from '../services/permissions/document-scope';
import { loadPolicy, subjectOf } from '../services/permissions/policy-store';
import { appendDocumentEvent } from '../services/documents/events';
import { systemActor } from '../services/signing/system-move';

/** A document change undone, for its history (noteUndone). */
export interface UndoneChange {
  documentId: string;
  action: string;
  fields: string[];
}

export interface Undone extends Applied {
  undone: UndoneChange[];
}

/**
 * Undoes here what the server refused to keep because the account lacked the permission (issue 8, offline: a right
 * taken away while this laptop was offline). Each refused field goes back to what the server keeps (or is forgotten
 * when it keeps nothing), the record is written again from what is left — a document whose creation was refused is
 * removed, an edit reverted, a deletion brought back — and each refusal is reported in Settings (sync conflicts,
 * `permissionRefused`, with the permission it needed and the value that was undone). Never silently kept, never
 * silently dropped. Runs in the transaction that takes the batch off the change log; the triggers mark nothing.
 */
export async function undoRefused(trx: Transaction<Database>, refused: readonly RefusedChange[], at: string): Promise<Undone> {
  const applied: Undone = { documents: new Set(), conflicts: 0, undone: [] };
  if (refused.length === 0) return applied;
  await trx.insertInto('sync_applying').values({ id: 1 }).onConflict((oc) => oc.doNothing()).execute();
  // One report per record and permission: a holding refused is one line, not one per field of it.
  const records = new Map<string, { entity: SyncEntity; id: string; action: string; undone: Record<string, unknown> }>();
  const refusedEvents = new Map<string, Set<string>>();
  for (const r of refused) {
    if (r.kind === 'event') {
      await conflict(trx, 'document', r.documentId, 'permissionRefused', { eventId: r.eventId, action: r.action }, at, applied);
      refusedEvents.set(r.documentId, new Set([...(refusedEvents.get(r.documentId) ?? []), r.eventId]));
      continue;
    }
    const where = { entity: r.entity, entity_id: r.id, field: r.field };
    const local = await trx.selectFrom('sync_fields').select('value').where('entity', '=', where.entity).where('entity_id', '=', where.entity_id).where('field', '=', where.field).executeTakeFirst();
    if (r.kept) {
      const values = { ...where, value: JSON.stringify(r.kept.value), stamp: r.kept.stamp };
      await trx.insertInto('sync_fields').values(values).onConflict((oc) => oc.columns(['entity', 'entity_id', 'field']).doUpdateSet({ value: values.value, stamp: values.stamp })).execute();
    } else {
      await trx.deleteFrom('sync_fields').where('entity', '=', where.entity).where('entity_id', '=', where.entity_id).where('field', '=', where.field).execute();
    }
    // A later edit of the same field still waiting to go would only be refused again.
    await trx
      .deleteFrom('sync_outbox')
      .where('kind', '=', 'field')
      .where(sql<boolean>`json_extract(payload, '$.entity') = ${r.entity} and json_extract(payload, '$.id') = ${r.id} and json_extract(payload, '$.field') = ${r.field}`)
      .execute();
    const key = `${r.entity}\u0000${r.id}\u0000${r.action}`;
    const record = records.get(key) ?? { entity: r.entity, id: r.id, action: r.action, undone: {} };
    record.undone[r.field] = local ? (JSON.parse(local.value) as unknown) : null;
    records.set(key, record);
  }
  for (const { entity, id, action, undone } of records.values()) {
    const fields = Object.keys(undone).sort();
    await conflict(trx, entity, id, 'permissionRefused', { ...(fields.length === 1 ? { field: fields[0] } : { fields }), action, undone }, at, applied);
  }
  for (const { entity, id } of new Map([...records.values()].map((r) => [`${r.entity}\u0000${r.id}`, r])).values()) {
    const left = await trx.selectFrom('sync_fields').select('field').where('entity', '=', entity).where('entity_id', '=', id).limit(1).executeTakeFirst();
    // Nothing of it is the server's: it was never allowed to exist.
    if (!left) await writeRecord(trx, entity, id, at, applied, { [deletedField]: true });
    else await writeRecord(trx, entity, id, at, applied);
    if (entity === 'document') applied.documents.add(id);
  }
  for (const [documentId, ids] of refusedEvents) await dropRefusedTail(trx, documentId, ids);
  await trx.deleteFrom('sync_applying').execute();
  for (const { entity, id, action, undone } of records.values()) if (entity === 'document') applied.undone.push({ documentId: id, action, fields: Object.keys(undone).sort() });
  return applied;
}

/**
 * Each document still here says in its own history that a change was undone (an entry marked and synced like any),
 * so an entry the change wrote — "moved to Signed" — never stands alone as if it had happened. Written after the
 * round's pull, so a deletion undone has its history back first and the note comes after it.
 */
export async function noteUndone(db: Kysely<Database>, undone: readonly UndoneChange[], at: string): Promise<void> {
  if (undone.length === 0) return;
  await db.transaction().execute(async (trx) => {
    const [policy, subject] = [await loadPolicy(trx), await subjectOf({ db: trx })];
    for (const u of undone) {
      const owned = await ownershipOf(trx, u.documentId);
      // Someone who may no longer act on it may not write into its history either (the server would refuse the note).
      if (!owned || !documentActingActions.some((a) => can(policy, subject, a, { owned }))) continue;
      await appendDocumentEvent(trx, u.documentId, { at, type: 'syncRefused', actor: systemActor, details: { action: u.action, fields: u.fields.join(', ') } });
    }
  });
}

/**
 * A document's history entries the server refused leave its history here too, so both tell the same story: they are
 * the newest (written since the last push), and taking entries off the end of a hash chain leaves it whole. One with
 * an entry after it that the server took stays, reported.
 */
async function dropRefusedTail(trx: Transaction<Database>, documentId: string, refused: ReadonlySet<string>): Promise<void> {
  const events = await trx.selectFrom('document_events').selectAll().where('document_id', '=', documentId).orderBy('seq', 'desc').execute();
  const tail = [];
  for (const e of events) {
    if (!refused.has(eventId(documentId, e))) break;
    tail.push(e.seq);
  }
  if (tail.length) await trx.deleteFrom('document_events').where('document_id', '=', documentId).where('seq', 'in', tail).execute();
}

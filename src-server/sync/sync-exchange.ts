import { sql, type Kysely } from 'kysely';
import { compareStamps, decodeStamp } from '../../src-shared/sync/hlc';
import { maxPullPage, type PullAnswer, type PulledEntry, type PushAnswer, type PushRequest, type SyncEntity } from '../../src-shared/sync/protocol';
import type { SyncValue } from '../../src-shared/sync/merge';
import type { ServerDatabase } from '../store/schema';

/**
 * Takes one desktop's batch in one transaction. A field change replaces the kept entry only when its stamp is later
 * (last writer wins, the same rule every desktop applies); an event is kept the first time its id is seen and never
 * replaced, a different content for a known id reported. Applying a batch again changes nothing: its changes are no
 * longer later than what is kept, its events are known. Each accepted change gets the next position.
 */
export async function acceptPush(db: Kysely<ServerDatabase>, deviceId: string, batch: PushRequest, at: string): Promise<PushAnswer> {
  return db.transaction().execute(async (trx) => {
    const size = batch.fields.length + batch.events.length;
    if (size === 0) return { accepted: 0, conflicts: [] };
    // Taking the positions first locks the counter's row: pushes commit in the order of their positions.
    const counter = await trx.updateTable('sync_counter').set({ last: sql<number>`last + ${size}` }).where('id', '=', 1).returning('last').executeTakeFirstOrThrow();
    let seq = Number(counter.last) - size;
    let accepted = 0;
    const conflicts: string[] = [];
    for (const f of batch.fields) {
      const value = JSON.stringify(f.value);
      const kept = await trx.selectFrom('sync_entries').select(['stamp', 'value']).where('kind', '=', 'field').where('entity', '=', f.entity).where('entity_id', '=', f.id).where('key', '=', f.field).executeTakeFirst();
      if (kept && !isLater(f.stamp, value, kept.stamp, kept.value)) continue;
      seq += 1;
      accepted += 1;
      const row = { value, stamp: f.stamp, seq, device_id: deviceId, accepted_at: at };
      await trx
        .insertInto('sync_entries')
        .values({ kind: 'field', entity: f.entity, entity_id: f.id, key: f.field, ...row })
        .onConflict((oc) => oc.columns(['kind', 'entity', 'entity_id', 'key']).doUpdateSet(row))
        .execute();
    }
    for (const e of batch.events) {
      const kept = await trx.selectFrom('sync_entries').select('value').where('kind', '=', 'event').where('entity', '=', 'document').where('entity_id', '=', e.documentId).where('key', '=', e.eventId).executeTakeFirst();
      if (kept) {
        if (kept.value !== e.body) conflicts.push(e.eventId);
        continue;
      }
      seq += 1;
      accepted += 1;
      await trx.insertInto('sync_entries').values({ kind: 'event', entity: 'document', entity_id: e.documentId, key: e.eventId, value: e.body, stamp: e.stamp, seq, device_id: deviceId, accepted_at: at }).execute();
    }
    return { accepted, conflicts };
  });
}

function isLater(stamp: string, value: string, keptStamp: string, keptValue: string): boolean {
  const order = compareStamps(decodeStamp(stamp), decodeStamp(keptStamp));
  return order > 0 || (order === 0 && value > keptValue);
}

/** The entries after `after`, oldest position first, at most `limit`. */
export async function readPull(db: Kysely<ServerDatabase>, after: number, limit: number = maxPullPage): Promise<PullAnswer> {
  const rows = await db.selectFrom('sync_entries').selectAll().where('seq', '>', after).orderBy('seq').limit(limit + 1).execute();
  const page = rows.slice(0, limit);
  const entries: PulledEntry[] = page.map((r) =>
    r.kind === 'field'
      ? { kind: 'field', seq: Number(r.seq), change: { entity: r.entity as SyncEntity, id: r.entity_id, field: r.key, value: JSON.parse(r.value) as SyncValue, stamp: r.stamp } }
      : { kind: 'event', seq: Number(r.seq), change: { documentId: r.entity_id, eventId: r.key, body: r.value, stamp: r.stamp } },
  );
  return { entries, next: page.length ? Number(page[page.length - 1]!.seq) : after, more: rows.length > limit };
}

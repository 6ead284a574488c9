import { sql, type Insertable, type Kysely } from 'kysely';
import { maxPullPage, type PullAnswer, type PulledEntry, type PushAnswer, type PushRequest, type SyncEntity } from '../../src-shared/sync/protocol';
import { beats, type SyncValue } from '../../src-shared/sync/merge';
import type { ServerDatabase } from '../store/schema';
import { inChunks } from '../../src-main/store/in-chunks';
import { authorizePush, type Kept } from '../permissions/push-authorization';
import { permissionsOf, type PolicyAccount } from '../permissions/server-policy';
import { documentInScope, fileInScope, viewScope } from '../permissions/file-references';
import { can } from '../../src-shared/permissions/policy';
import { followPushed } from '../automation/follow-pushed';

/** Who pushes: the device and the account it signed in as (whose permissions decide what is kept). */
export interface Pusher {
  deviceId: string;
  account: PolicyAccount;
}

/**
 * Takes one desktop's batch in one transaction. A field change replaces the kept entry only when its stamp is later
 * (last writer wins, the same rule every desktop applies); an event is kept the first time its id is seen and never
 * replaced, a different content for a known id reported. What the account may not change is refused before anything
 * is kept (push-authorization.ts) and answered with what the server keeps instead. Applying a batch again changes
 * nothing: its changes are no longer later than what is kept, its events are known. Each accepted change gets the
 * next position.
 */
export async function acceptPush(db: Kysely<ServerDatabase>, pusher: Pusher, batch: PushRequest, at: string): Promise<PushAnswer> {
  return db.transaction().execute(async (trx) => {
    const size = batch.fields.length + batch.events.length;
    if (size === 0) return { accepted: 0, conflicts: [], refused: [] };
    // Taking the positions first locks the counter's row: pushes commit in the order of their positions.
    const counter = await trx.updateTable('sync_counter').set({ last: sql<number>`last + ${size}` }).where('id', '=', 1).returning('last').executeTakeFirstOrThrow();
    let seq = counter.last - size;
    const kept = await keptEntries(trx, batch);
    const conflicts: string[] = [];
    // The latest change per field wins within the batch too (a field edited twice between pushes).
    const winners = new Map<string, Winner>();
    for (const f of batch.fields) {
      const key = entryKey('field', f.entity, f.id, f.field);
      const value = JSON.stringify(f.value);
      const inBatch = winners.get(key);
      const best = inBatch ? { stamp: inBatch.stamp, value: inBatch.json } : kept.get(key);
      if (best && !beats(f.stamp, value, best.stamp, best.value)) continue;
      winners.set(key, { entity: f.entity, id: f.id, field: f.field, value: f.value, json: value, stamp: f.stamp });
    }
    const decision = await authorizePush(trx, pusher.account, [...winners.values()], batch.events, keptLookup(kept));
    const rows: Insertable<ServerDatabase['sync_entries']>[] = decision.fields.map((w) => ({ kind: 'field', entity: w.entity, entity_id: w.id, key: w.field, value: w.json, stamp: w.stamp, seq: ++seq, device_id: pusher.deviceId, accepted_at: at }));
    const newEvents = new Set<string>();
    for (const e of decision.events) {
      const key = entryKey('event', 'document', e.documentId, e.eventId);
      const there = kept.get(key);
      if (there) {
        if (there.value !== e.body) conflicts.push(e.eventId);
        continue;
      }
      if (newEvents.has(key)) continue;
      newEvents.add(key);
      rows.push({ kind: 'event', entity: 'document', entity_id: e.documentId, key: e.eventId, value: e.body, stamp: e.stamp, seq: ++seq, device_id: pusher.deviceId, accepted_at: at });
    }
    for (const part of chunks(rows)) {
      await trx
        .insertInto('sync_entries')
        .values(part)
        .onConflict((oc) =>
          oc.columns(['kind', 'entity', 'entity_id', 'key']).doUpdateSet((eb) => ({
            value: eb.ref('excluded.value'),
            stamp: eb.ref('excluded.stamp'),
            seq: eb.ref('excluded.seq'),
            device_id: eb.ref('excluded.device_id'),
            accepted_at: eb.ref('excluded.accepted_at'),
          })),
        )
        .execute();
    }
    await followPushed(trx, pusher.deviceId, rows, at);
    return { accepted: rows.length, conflicts, refused: decision.refused };
  });
}

interface Winner {
  entity: string;
  id: string;
  field: string;
  value: SyncValue;
  json: string;
  stamp: string;
}

function keptLookup(kept: Map<string, { stamp: string; value: string }>): Kept {
  const records = new Set([...kept.keys()].filter((k) => k.startsWith('field\u0000')).map((k) => k.split('\u0000').slice(1, 3).join('\u0000')));
  return {
    field(entity, id, field) {
      const there = kept.get(entryKey('field', entity, id, field));
      return there ? { value: JSON.parse(there.value) as SyncValue, stamp: there.stamp } : undefined;
    },
    has: (entity, id) => records.has(`${entity}\u0000${id}`),
  };
}

const entryKey = (kind: string, entity: string, id: string, key: string) => `${kind}\u0000${entity}\u0000${id}\u0000${key}`;

/** 9 columns a row: 200 rows a statement; 500 ids in a list. */
const chunks = <T>(items: readonly T[], size = 200) => inChunks(items, size);

/** What the server already keeps for the batch's records, read per entity in a few queries. */
async function keptEntries(db: Kysely<ServerDatabase>, batch: PushRequest): Promise<Map<string, { stamp: string; value: string }>> {
  const wanted = new Map<string, Set<string>>();
  const want = (kind: string, entity: string, id: string) => {
    const k = `${kind}\u0000${entity}`;
    if (!wanted.has(k)) wanted.set(k, new Set());
    wanted.get(k)!.add(id);
  };
  for (const f of batch.fields) want('field', f.entity, f.id);
  // An event's document as kept too: whose it is decides whether the account may write into its history.
  for (const e of batch.events) {
    want('event', 'document', e.documentId);
    want('field', 'document', e.documentId);
  }
  const kept = new Map<string, { stamp: string; value: string }>();
  for (const [k, ids] of wanted) {
    const [kind, entity] = k.split('\u0000') as ['field' | 'event', string];
    for (const part of chunks([...ids], 500)) {
      const rows = await db.selectFrom('sync_entries').select(['entity_id', 'key', 'stamp', 'value']).where('kind', '=', kind).where('entity', '=', entity).where('entity_id', 'in', part).execute();
      for (const r of rows) kept.set(entryKey(kind, entity, r.entity_id, r.key), r);
    }
  }
  return kept;
}


/**
 * The entries after `after` the account may see, oldest position first, at most `limit`: a document's fields and
 * history only where `documents.view` reaches it (by its kept owner and department), a file's record only where
 * something in reach names it, contacts only with `contacts.view`, the permission history only with
 * `permissions.manage` (issue 8). Roles, holdings, users, stages and templates go to everyone: every desktop applies
 * the permissions it last synced.
 */
export async function readPull(db: Kysely<ServerDatabase>, account: PolicyAccount, after: number, limit: number = maxPullPage): Promise<PullAnswer> {
  const perms = await permissionsOf(db, account);
  const { policy, subject } = perms;
  const scope = viewScope(perms);
  let query = db.selectFrom('sync_entries as e').selectAll('e').where('e.seq', '>', after);
  if (!can(policy, subject, 'contacts.view')) query = query.where('e.entity', '!=', 'contact');
  // The permission history is the Access permissions section's, which only a permission manager opens.
  if (!can(policy, subject, 'permissions.manage')) query = query.where('e.entity', '!=', 'permission_change');
  // A notice goes to its addressee's desktops (and to an administrator's, which work for local employees).
  if (account.is_admin !== 1) {
    query = query.where(
      sql<boolean>`(e.entity <> 'notice' or exists (select 1 from sync_entries n where n.kind = 'field' and n.entity = 'notice' and n.entity_id = e.entity_id and n.key = 'user_id' and n.value = ${JSON.stringify(account.id)}))`,
    );
  }
  // Filtered in the query (file-references.ts), so a page never carries a row the account could not open.
  if (scope.kind !== 'all') {
    query = query.where(sql<boolean>`(e.entity <> 'document' or ${documentInScope(scope, sql.ref('e.entity_id'))})`);
    query = query.where(sql<boolean>`(e.entity <> 'file' or ${fileInScope(scope, sql.ref('e.entity_id'))})`);
  }
  const rows = await query.orderBy('e.seq').limit(limit + 1).execute();
  const page = rows.slice(0, limit);
  const entries: PulledEntry[] = page.map((r) =>
    r.kind === 'field'
      ? { kind: 'field', seq: r.seq, change: { entity: r.entity as SyncEntity, id: r.entity_id, field: r.key, value: JSON.parse(r.value) as SyncValue, stamp: r.stamp } }
      : { kind: 'event', seq: r.seq, change: { documentId: r.entity_id, eventId: r.key, body: r.value, stamp: r.stamp } },
  );
  return { entries, next: page.length ? page[page.length - 1]!.seq : after, more: rows.length > limit };
}

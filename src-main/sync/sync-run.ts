import { sql, type Kysely } from 'kysely';
import { maxPushBatch, type EventChange, type FieldChange, type PulledEntry } from '../../src-shared/sync/protocol';
import type { FileStore } from '../store/file-store';
import type { Database } from '../store/schema';
import { applyPulled } from './apply-pulled';
import { logChanges } from './change-log';
import { noteUndone, undoRefused, type UndoneChange } from './refused-changes';
import { documentRequired } from './records/document-record';
import { isPermissionChange } from '../../src-shared/permissions/role-fields';
import { missingFiles, pull, push, uploadFile, type SyncTarget } from './sync-transport';

const pulledToKey = 'sync.pulledTo';
const pullAgainKey = 'sync.pullAgain';

export interface SyncRunContext {
  db: Kysely<Database>;
  files: FileStore;
  now(): Date;
}

export interface SyncRunResult {
  pushed: number;
  pulled: number;
  conflicts: number;
  /** Changes the server refused for want of a permission (undone here, each among the conflicts). */
  refused: number;
  /** Documents whose card or panel changed by what was pulled. */
  documents: string[];
}

/**
 * One round of sync: stamp what was changed here, push it batch by batch, then pull everyone's page by page. Each step
 * commits on its own and says where it got to — a pushed batch is removed from the change log only once the server
 * took it, a pulled page is applied in the transaction that moves the pull position — so a round cut anywhere (the
 * network, the server, this app) resumes where it stopped, and a batch sent twice changes nothing on the server.
 */
export async function runSync(ctx: SyncRunContext, target: SyncTarget): Promise<SyncRunResult> {
  await logChanges(ctx.db);
  const result: SyncRunResult = { pushed: 0, pulled: 0, conflicts: 0, refused: 0, documents: [] };
  const documents = new Set<string>();
  const undone: UndoneChange[] = [];
  await pushAll(ctx, target, result, documents, undone);
  const startedAt = await pulledTo(ctx.db);
  // Documents the server held back (another department's) are sent once the permissions reach them: a change of
  // permissions, or a refusal undone here, means pulling from the start once more; what is known is skipped.
  let again = startedAt > 0 && (result.refused > 0 || (await pullAgainAsked(ctx.db)));
  for (let pass = 0; pass < 2; pass++) {
    for (;;) {
      const after = await pulledTo(ctx.db);
      const page = await pull(target, after);
      const applied = await ctx.db.transaction().execute(async (trx) => {
        const outcome = await applyPulled(trx, page.entries, ctx.now());
        await setPulledTo(trx, page.next);
        return outcome;
      });
      result.pulled += page.entries.length;
      result.conflicts += applied.conflicts;
      for (const id of applied.documents) documents.add(id);
      if (startedAt > 0 && !again) again = page.entries.some(changesPermissions) || (await arrivedPartly(ctx.db, page.entries));
      if (!page.more) break;
    }
    if (!again || pass > 0) break;
    await setPulledTo(ctx.db, 0);
  }
  await ctx.db.deleteFrom('settings').where('key', '=', pullAgainKey).execute();
  await noteUndone(ctx.db, undone.splice(0), ctx.now().toISOString());
  // What the pull logged (local edits it found marked, values a refused change made this laptop assert again) and the
  // notes of what was undone go now.
  await logChanges(ctx.db);
  await pushAll(ctx, target, result, documents, undone);
  // Refused in this last push: the pull from the start that brings back what an undone deletion took is the next round's.
  if (undone.length > 0) await setSetting(ctx.db, pullAgainKey, '1');
  await noteUndone(ctx.db, undone.splice(0), ctx.now().toISOString());
  result.documents = [...documents];
  return result;
}

/** A pulled change of permissions: which documents the server lets this account see may have changed. */
const changesPermissions = (entry: PulledEntry) => entry.kind === 'field' && isPermissionChange(entry.change.entity, entry.change.field);

/**
 * A document that came as a new owner or department alone and waits for the rest: it has just come into this
 * account's reach, and its older fields were held back before.
 */
async function arrivedPartly(db: Kysely<Database>, entries: readonly PulledEntry[]): Promise<boolean> {
  const ids = [...new Set(entries.flatMap((e) => (e.kind === 'field' && e.change.entity === 'document' && (e.change.field === 'owner_id' || e.change.field === 'department') ? [e.change.id] : [])))];
  if (ids.length === 0) return false;
  // Waiting for its own older fields (held back before), not for a contact or a file it names: those a pull from the
  // start would not bring.
  const own = documentRequired.filter((f) => f !== 'owner_id' && f !== 'stage');
  const waiting = await db.selectFrom('sync_pending').select('entity_id').where('entity', '=', 'document').where('entity_id', 'in', ids.slice(0, 500)).where('payload', 'in', own).limit(1).executeTakeFirst();
  return waiting !== undefined;
}

async function pullAgainAsked(db: Kysely<Database>): Promise<boolean> {
  return (await db.selectFrom('settings').select('value').where('key', '=', pullAgainKey).executeTakeFirst()) !== undefined;
}

const setPulledTo = (db: Kysely<Database>, next: number) => setSetting(db, pulledToKey, String(next));

async function setSetting(db: Kysely<Database>, key: string, value: string): Promise<void> {
  await db.insertInto('settings').values({ key, value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })).execute();
}

async function pushAll(ctx: SyncRunContext, target: SyncTarget, result: SyncRunResult, documents: Set<string>, undone: UndoneChange[]): Promise<void> {
  for (;;) {
    const rows = atRecordBoundary(await ctx.db.selectFrom('sync_outbox').selectAll().orderBy('seq').limit(maxPushBatch + 1).execute());
    if (rows.length === 0) break;
    const fields = rows.flatMap((r) => (r.kind === 'field' ? [JSON.parse(r.payload) as FieldChange] : []));
    const events = rows.flatMap((r) => (r.kind === 'event' ? [JSON.parse(r.payload) as EventChange] : []));
    await uploadFiles(ctx, target, fields);
    const answer = await push(target, { fields, events });
    result.conflicts += answer.conflicts.length;
    const reverted = await ctx.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('sync_outbox').where('seq', '<=', rows[rows.length - 1]!.seq).execute();
      return undoRefused(trx, answer.refused, ctx.now().toISOString());
    });
    result.refused += answer.refused.length;
    result.conflicts += reverted.conflicts;
    for (const id of reverted.documents) documents.add(id);
    undone.push(...reverted.undone);
    result.pushed += rows.length;
  }
}

/**
 * A batch of at most maxPushBatch rows (given one more, to look past it) that ends where a record does: a record goes
 * up whole, so the server judges a new document as one creation, not as a creation and then edits (only a record
 * longer than a batch is cut).
 */
function atRecordBoundary<R extends { kind: string; payload: string }>(rows: R[]): R[] {
  if (rows.length <= maxPushBatch) return rows;
  const recordOf = (r: R) => (r.kind === 'field' ? ((c: FieldChange) => `${c.entity}\u0000${c.id}`)(JSON.parse(r.payload) as FieldChange) : null);
  const next = recordOf(rows[maxPushBatch]!);
  let end = maxPushBatch;
  while (next !== null && end > 0 && recordOf(rows[end - 1]!) === next) end--;
  return rows.slice(0, end === 0 ? maxPushBatch : end);
}

/** A file's record goes up only with its bytes on the server, so a laptop that pulls the record can always fetch them. */
async function uploadFiles(ctx: SyncRunContext, target: SyncTarget, fields: readonly FieldChange[]): Promise<void> {
  const shas = [...new Set(fields.filter((f) => f.entity === 'file').map((f) => f.id))];
  if (shas.length === 0) return;
  for (const sha of await missingFiles(target, shas)) {
    // A file row without its bytes here was itself pulled and never read: the server already has it, or will.
    if (!(await ctx.files.has(sha))) continue;
    await uploadFile(target, sha, await ctx.files.read(sha));
  }
}

async function pulledTo(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', pulledToKey).executeTakeFirst();
  return row ? Number(row.value) : 0;
}

/**
 * Records changed here and not yet on the server (a contact edited in three fields is one change; a history event is
 * one), whether still marked by the triggers or already stamped.
 */
export async function pendingChanges(db: Kysely<Database>): Promise<number> {
  const row = await sql<{ n: number }>`
    select count(*) as n from (
      select entity, entity_id as id from sync_dirty where entity <> 'event'
      union select 'event', entity_id || ':' || key from sync_dirty where entity = 'event'
      union select json_extract(payload, '$.entity'), json_extract(payload, '$.id') from sync_outbox where kind = 'field'
      union select 'event', json_extract(payload, '$.eventId') from sync_outbox where kind = 'event'
    )`.execute(db);
  return Number(row.rows[0]?.n ?? 0);
}

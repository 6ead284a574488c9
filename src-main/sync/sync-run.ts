import { sql, type Kysely } from 'kysely';
import { maxPushBatch, type EventChange, type FieldChange } from '../../src-shared/sync/protocol';
import type { FileStore } from '../store/file-store';
import type { Database } from '../store/schema';
import { applyPulled } from './apply-pulled';
import { logChanges } from './change-log';
import { missingFiles, pull, push, uploadFile, type SyncTarget } from './sync-transport';

const pulledToKey = 'sync.pulledTo';

export interface SyncRunContext {
  db: Kysely<Database>;
  files: FileStore;
  now(): Date;
}

export interface SyncRunResult {
  pushed: number;
  pulled: number;
  conflicts: number;
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
  const result: SyncRunResult = { pushed: 0, pulled: 0, conflicts: 0, documents: [] };
  await pushAll(ctx, target, result);
  const documents = new Set<string>();
  for (;;) {
    const after = await pulledTo(ctx.db);
    const page = await pull(target, after);
    const applied = await ctx.db.transaction().execute(async (trx) => {
      const outcome = await applyPulled(trx, page.entries, ctx.now());
      const value = String(page.next);
      await trx.insertInto('settings').values({ key: pulledToKey, value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })).execute();
      return outcome;
    });
    result.pulled += page.entries.length;
    result.conflicts += applied.conflicts;
    for (const id of applied.documents) documents.add(id);
    if (!page.more) break;
  }
  // What the pull logged (local edits it found marked, values a refused change made this laptop assert again) goes now.
  await pushAll(ctx, target, result);
  result.documents = [...documents];
  return result;
}

async function pushAll(ctx: SyncRunContext, target: SyncTarget, result: SyncRunResult): Promise<void> {
  for (;;) {
    const rows = await ctx.db.selectFrom('sync_outbox').selectAll().orderBy('seq').limit(maxPushBatch).execute();
    if (rows.length === 0) break;
    const fields = rows.flatMap((r) => (r.kind === 'field' ? [JSON.parse(r.payload) as FieldChange] : []));
    const events = rows.flatMap((r) => (r.kind === 'event' ? [JSON.parse(r.payload) as EventChange] : []));
    await uploadFiles(ctx, target, fields);
    const answer = await push(target, { fields, events });
    result.conflicts += answer.conflicts.length;
    await ctx.db.deleteFrom('sync_outbox').where('seq', '<=', rows[rows.length - 1]!.seq).execute();
    result.pushed += rows.length;
  }
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

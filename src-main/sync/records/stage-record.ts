import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema';
import { deletedField, integer, missingOf, text, written, type SyncedRecord } from '../synced-record';

/*
 * A stage's sync id: Signet's own stages are made with a random id on every install but share their key, so they go
 * by `key:<key>`; a company's own stage by its id.
 */
const keyPrefix = 'key:';

export async function stageRef(db: Kysely<Database>, localId: string | null): Promise<string | null> {
  if (localId === null) return null;
  const row = await db.selectFrom('document_stages').select(['id', 'key']).where('id', '=', localId).executeTakeFirst();
  if (!row) return null;
  return row.key ? `${keyPrefix}${row.key}` : row.id;
}

export async function localStage(db: Kysely<Database>, ref: string): Promise<{ id: string; phase: string } | null> {
  const query = db.selectFrom('document_stages').select(['id', 'phase']);
  const row = ref.startsWith(keyPrefix) ? await query.where('key', '=', ref.slice(keyPrefix.length)).executeTakeFirst() : await query.where('id', '=', ref).executeTakeFirst();
  return row ?? null;
}

export const stageRecord: SyncedRecord = {
  entity: 'stage',
  async read(db, ref) {
    const local = await localStage(db, ref);
    if (!local) return null;
    const row = await db.selectFrom('document_stages').select(['name', 'color', 'position', 'phase']).where('id', '=', local.id).executeTakeFirstOrThrow();
    return { ...row };
  },
  async ids(db) {
    const rows = await db.selectFrom('document_stages').select(['id', 'key']).execute();
    return rows.map((r) => (r.key ? `${keyPrefix}${r.key}` : r.id));
  },
  async write(trx, ref, fields) {
    const local = await localStage(trx, ref);
    if (fields[deletedField] === true) {
      if (!local) return written;
      const used = await trx.selectFrom('documents').select('id').where('stage_id', '=', local.id).limit(1).executeTakeFirst();
      if (used || ref.startsWith(keyPrefix)) return { kind: 'refused', reason: 'stageInUse' };
      await trx.deleteFrom('document_stages').where('id', '=', local.id).execute();
      return written;
    }
    const missing = missingOf(fields, ['color', 'position', 'phase']);
    if (missing) return { kind: 'incomplete', missing };
    const values = { name: text(fields, 'name'), color: text(fields, 'color')!, position: integer(fields, 'position')!, phase: text(fields, 'phase')! };
    if (local) await trx.updateTable('document_stages').set(values).where('id', '=', local.id).execute();
    else if (ref.startsWith(keyPrefix)) return { kind: 'refused', reason: 'unknownStageKey' };
    else await trx.insertInto('document_stages').values({ id: ref, key: null, ...values }).execute();
    return written;
  },
};

import type { Kysely } from 'kysely';
import { builtinRoleId, builtinRoles } from '../../../src-shared/permissions/roles';
import type { Database } from '../../store/schema';
import { deletedField, missingOf, text, written, type SyncedRecord } from '../synced-record';
import { localStage, stageRef } from './stage-record';

/** A JSON object's entries, or none when the text is not one (a damaged row reads as no per-stage levels). */
function entriesOf(json: string): [string, unknown][] {
  try {
    const value: unknown = JSON.parse(json);
    return value && typeof value === 'object' && !Array.isArray(value) ? Object.entries(value) : [];
  } catch {
    return [];
  }
}

/** Per-stage move levels keyed by the stages' sync ids, as every desktop and the server read them. */
async function stageMovesByRef(db: Kysely<Database>, local: string): Promise<string> {
  const out: Record<string, unknown> = {};
  for (const [stageId, level] of entriesOf(local)) out[(await stageRef(db, stageId)) ?? stageId] = level;
  return JSON.stringify(out);
}

/**
 * A role of the access permissions (issue 8): its name, which built-in role it is, its matrix and its per-stage move
 * levels (JSON, stages by their sync id here, by the local id in the table). A built-in role cannot be deleted by a
 * pull any more than by the section. Who holds it is `role_assignment`'s.
 */
export const roleRecord: SyncedRecord = {
  entity: 'role',
  async read(db, id) {
    const row = await db.selectFrom('roles').select(['name', 'builtin', 'levels', 'stage_moves']).where('id', '=', id).executeTakeFirst();
    return row ? { ...row, stage_moves: await stageMovesByRef(db, row.stage_moves) } : null;
  },
  async ids(db) {
    return (await db.selectFrom('roles').select('id').execute()).map((r) => r.id);
  },
  async write(trx, id, fields, at) {
    const existing = await trx.selectFrom('roles').select('builtin').where('id', '=', id).executeTakeFirst();
    if (fields[deletedField] === true) {
      if (!existing) return written;
      if (existing.builtin) return { kind: 'refused', reason: 'builtinRoleKept' };
      await trx.deleteFrom('roles').where('id', '=', id).execute();
      return written;
    }
    const missing = missingOf(fields, ['levels', 'stage_moves']);
    if (missing) return { kind: 'incomplete', missing };
    const moves: Record<string, unknown> = {};
    for (const [ref, level] of entriesOf(text(fields, 'stage_moves')!)) {
      const stage = await localStage(trx, ref);
      if (!stage) return { kind: 'incomplete', missing: 'stage' };
      moves[stage.id] = level;
    }
    const values = { name: text(fields, 'name'), levels: text(fields, 'levels')!, stage_moves: JSON.stringify(moves), updated_at: at };
    if (existing) await trx.updateTable('roles').set(values).where('id', '=', id).execute();
    // Which built-in role it is follows from the id, as on the server: a pushed field cannot make a custom role one.
    else await trx.insertInto('roles').values({ id, builtin: builtinRoles.find((b) => builtinRoleId(b) === id) ?? null, ...values }).execute();
    return written;
  },
};

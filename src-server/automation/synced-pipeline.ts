import type { Kysely } from 'kysely';
import type { Rule, Trigger } from '../../src-shared/automation/automation';
import { defaultEntryIds, ruleFromSync, triggerFromSync, type SyncFields } from '../../src-shared/automation/sync-fields';
import type { SyncValue } from '../../src-shared/sync/merge';
import { startingFields } from '../../src-shared/sync/starting-values';
import { defaultStages } from '../../src-shared/documents/stages';
import type { ServerDatabase } from '../store/schema';

/*
 * The company's pipeline and stages as the server keeps them (issue 9): the records desktops synced to it, stages
 * and their moves by sync id (Signet's own stages as `key:<key>`), over what every install starts with — the seed's
 * pipeline and Signet's stages are there before any desktop pushed them, as they are on a new desktop.
 */

/** Every record of an entity: its kept fields over its starting values; records deleted are left out. */
export async function syncedRecords(db: Kysely<ServerDatabase>, entity: string, seedIds: readonly string[] = [], ids?: readonly string[]): Promise<Map<string, SyncFields>> {
  let query = db.selectFrom('sync_entries').select(['entity_id', 'key', 'value']).where('kind', '=', 'field').where('entity', '=', entity);
  if (ids) query = query.where('entity_id', 'in', ids.length ? ids : ['']);
  const records = new Map<string, SyncFields>();
  for (const id of seedIds) if (!ids || ids.includes(id)) records.set(id, {});
  for (const row of await query.execute()) {
    const fields = records.get(row.entity_id) ?? {};
    fields[row.key] = JSON.parse(row.value) as SyncValue;
    records.set(row.entity_id, fields);
  }
  for (const [id, fields] of records) {
    const all = { ...startingFields(entity, id), ...fields };
    if (all.deleted === true) records.delete(id);
    else records.set(id, all);
  }
  return records;
}

const seedTriggerIds = [defaultEntryIds.companySignedTrigger, defaultEntryIds.allSignedTrigger];
const seedRuleIds = [defaultEntryIds.sendRule, defaultEntryIds.mailRule];

export async function syncedTriggers(db: Kysely<ServerDatabase>): Promise<Trigger[]> {
  const records = await syncedRecords(db, 'automation_trigger', seedTriggerIds);
  return [...records].flatMap(([id, f]) => (typeof f.stage === 'string' ? (triggerFromSync(id, f, f.stage) ?? []) : [])).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export async function syncedRules(db: Kysely<ServerDatabase>): Promise<Rule[]> {
  const records = await syncedRecords(db, 'automation_rule', seedRuleIds);
  return [...records]
    .flatMap(([id, f]) => (typeof f.stage === 'string' ? (ruleFromSync(id, f, f.stage) ?? []) : []))
    .sort((a, b) => a.position - b.position || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

export interface SyncedStage {
  ref: string;
  phase: string;
  position: number;
}

/** The company's stages, in board order. */
export async function syncedStages(db: Kysely<ServerDatabase>): Promise<SyncedStage[]> {
  const records = await syncedRecords(db, 'stage', defaultStages.map((s) => `key:${s.key}`));
  return [...records]
    .flatMap(([ref, f]) => (typeof f.phase === 'string' && typeof f.position === 'number' ? [{ ref, phase: f.phase, position: f.position }] : []))
    .sort((a, b) => a.position - b.position || (a.ref < b.ref ? -1 : 1));
}

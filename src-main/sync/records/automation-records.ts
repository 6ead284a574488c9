import type { Kysely, Transaction } from 'kysely';
import { mapActionStage, ruleFromSync, ruleSyncFields, triggerFromSync, triggerSyncFields } from '../../../src-shared/automation/sync-fields';
import { ruleOf, triggerOf } from '../../automation/automation-rows';
import type { Database } from '../../store/schema';
import { deletedField, missingOf, text, written, type SyncedRecord, type WriteOutcome } from '../synced-record';
import { localStage, stageRef } from './stage-record';

/*
 * The Automation section's triggers and rules reach every desktop through sync (issue 9), so a company has one
 * pipeline whichever desktop edits it. Stages go by their sync id, inside a "move to" action too. Jobs are not
 * synced: each desktop runs automation for what happens on it.
 */

async function refs(db: Kysely<Database>, ids: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const id of new Set(ids)) {
    const ref = await stageRef(db, id);
    if (ref) out.set(id, ref);
  }
  return out;
}

async function remove(trx: Transaction<Database>, table: 'automation_triggers' | 'automation_rules', id: string): Promise<WriteOutcome> {
  await trx.deleteFrom(table).where('id', '=', id).execute();
  return written;
}

export const automationTriggerRecord: SyncedRecord = {
  entity: 'automation_trigger',
  async read(db, id) {
    const row = await db.selectFrom('automation_triggers').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return null;
    const ref = (await stageRef(db, row.stage_id)) ?? row.stage_id;
    const trigger = triggerOf(row);
    // A row that no longer reads is still there: sent as stored, never as a deletion (the others refuse it, as here).
    return trigger ? triggerSyncFields(trigger, ref) : { stage: ref, event: row.event, name: row.name, condition: row.condition, enabled: row.enabled === 1, allow_back: row.allow_back === 1 };
  },
  async ids(db) {
    return (await db.selectFrom('automation_triggers').select('id').execute()).map((r) => r.id);
  },
  async write(trx, id, fields, at) {
    if (fields[deletedField] === true) return remove(trx, 'automation_triggers', id);
    const missing = missingOf(fields, ['stage', 'event', 'enabled']);
    if (missing) return { kind: 'incomplete', missing };
    const stage = await localStage(trx, text(fields, 'stage')!);
    if (!stage) return { kind: 'incomplete', missing: 'stage' };
    const trigger = triggerFromSync(id, fields, stage.id);
    if (!trigger) return { kind: 'refused', reason: 'automationUnreadable' };
    const values = { stage_id: stage.id, event: trigger.event, name: trigger.name ?? null, condition: trigger.condition ? JSON.stringify(trigger.condition) : null, enabled: trigger.enabled ? 1 : 0, allow_back: trigger.allowBack ? 1 : 0, updated_at: at };
    await trx.insertInto('automation_triggers').values({ id, ...values }).onConflict((oc) => oc.column('id').doUpdateSet(values)).execute();
    return written;
  },
};

export const automationRuleRecord: SyncedRecord = {
  entity: 'automation_rule',
  async read(db, id) {
    const row = await db.selectFrom('automation_rules').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return null;
    const rule = ruleOf(row);
    const byRef = await refs(db, [row.stage_id, ...(rule?.action.kind === 'moveTo' ? [rule.action.stageId] : [])]);
    const ref = byRef.get(row.stage_id) ?? row.stage_id;
    // A move into a stage deleted since keeps the id it had; a row that no longer reads goes as stored (see above).
    const action = rule ? mapActionStage(rule.action, (local) => byRef.get(local) ?? local) : null;
    return rule && action ? ruleSyncFields(rule, ref, action) : { stage: ref, position: row.position, name: row.name, action: row.action, timing: row.timing, condition: row.condition, enabled: row.enabled === 1 };
  },
  async ids(db) {
    return (await db.selectFrom('automation_rules').select('id').execute()).map((r) => r.id);
  },
  async write(trx, id, fields, at) {
    if (fields[deletedField] === true) return remove(trx, 'automation_rules', id);
    const missing = missingOf(fields, ['stage', 'position', 'action', 'timing', 'enabled']);
    if (missing) return { kind: 'incomplete', missing };
    const stage = await localStage(trx, text(fields, 'stage')!);
    if (!stage) return { kind: 'incomplete', missing: 'stage' };
    const rule = ruleFromSync(id, fields, stage.id);
    if (!rule) return { kind: 'refused', reason: 'automationUnreadable' };
    let moveTarget: string | null = null;
    if (rule.action.kind === 'moveTo') moveTarget = (await localStage(trx, rule.action.stageId))?.id ?? null;
    const action = mapActionStage(rule.action, () => moveTarget);
    if (!action) return { kind: 'incomplete', missing: 'stage' };
    // As the editor refuses it: a rule moving documents into its own stage would run again at once, forever.
    if (action.kind === 'moveTo' && action.stageId === stage.id) return { kind: 'refused', reason: 'automationUnreadable' };
    const values = { stage_id: stage.id, position: rule.position, name: rule.name ?? null, action: JSON.stringify(action), timing: JSON.stringify(rule.timing), condition: rule.condition ? JSON.stringify(rule.condition) : null, enabled: rule.enabled ? 1 : 0, updated_at: at };
    await trx.insertInto('automation_rules').values({ id, ...values }).onConflict((oc) => oc.column('id').doUpdateSet(values)).execute();
    return written;
  },
};

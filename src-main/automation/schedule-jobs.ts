import type { Transaction } from 'kysely';
import type { RuleAction, TriggerEvent } from '../../src-shared/automation/automation';
import { ruleOf, triggerOf } from './automation-rows';
import { dueAt } from '../../src-shared/automation/schedule';
import type { Database } from '../store/schema';

/*
 * The writing half of the engine (issue 9): called inside the transaction of the event that caused it, so a job
 * exists exactly when its cause does — a crash loses both or neither. Each job's idempotency key is its source and
 * its cause: the same entry into a stage, or the same history entry, never schedules a rule or fires a trigger twice.
 */

export interface Cause {
  documentId: string;
  /** The history entry that caused it, as `type:seq` (its place in the document's chain is unique). */
  cause: string;
  at: Date;
}

/**
 * A document entered `stageId`: each enabled rule of that stage is scheduled by its timing, up to and including the
 * first "wait for": the rules after it are scheduled when the wait ends (`afterPosition`, from then), with the same
 * cause and so the same keys.
 */
export async function scheduleEntry(trx: Transaction<Database>, c: Cause & { stageId: string; timeZone: string; newId: () => string; afterPosition?: number }): Promise<number> {
  let query = trx.selectFrom('automation_rules').selectAll().where('stage_id', '=', c.stageId).where('enabled', '=', 1);
  if (c.afterPosition !== undefined) query = query.where('position', '>', c.afterPosition);
  const rows = await query.orderBy('position').orderBy('id').execute();
  let scheduled = 0;
  for (const [i, row] of rows.entries()) {
    const rule = ruleOf(row);
    if (!rule) continue;
    // Rules of one entry due at the same moment run in their order: a millisecond apart.
    const due = new Date(dueAt(rule.timing, c.at.getTime(), c.timeZone) + i).toISOString();
    scheduled += await insertJob(trx, c, { sourceKind: 'rule', sourceId: rule.id, action: rule.action, condition: row.condition, due, newId: c.newId });
    if (rule.action.kind === 'waitFor') break;
  }
  return scheduled;
}

/** Something happened to a document: each enabled trigger on that event fires, a move into its stage. */
export async function scheduleTriggers(trx: Transaction<Database>, c: Cause & { event: TriggerEvent; newId: () => string; only?: readonly string[] }): Promise<number> {
  let query = trx.selectFrom('automation_triggers').selectAll().where('event', '=', c.event).where('enabled', '=', 1);
  if (c.only) query = query.where('id', 'in', c.only);
  const rows = await query.orderBy('id').execute();
  let fired = 0;
  for (const row of rows) {
    const trigger = triggerOf(row);
    if (!trigger) continue;
    fired += await insertJob(trx, c, { sourceKind: 'trigger', sourceId: trigger.id, action: { kind: 'moveTo', stageId: trigger.stageId }, condition: row.condition, due: c.at.toISOString(), newId: c.newId });
  }
  return fired;
}

async function insertJob(trx: Transaction<Database>, c: Cause, job: { sourceKind: 'rule' | 'trigger'; sourceId: string; action: RuleAction; condition: string | null; due: string; newId: () => string }): Promise<number> {
  const result = await trx
    .insertInto('automation_jobs')
    .values({
      id: job.newId(),
      idempotency_key: `${job.sourceKind}:${job.sourceId}|${c.documentId}|${c.cause}`,
      document_id: c.documentId,
      source_id: job.sourceId,
      source_kind: job.sourceKind,
      action: JSON.stringify(job.action),
      condition: job.condition,
      cause: c.cause,
      due_at: job.due,
      status: 'queued',
      attempts: 0,
      last_error: null,
      created_at: c.at.toISOString(),
      finished_at: null,
    })
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0);
}

import type { Transaction } from 'kysely';
import type { RuleAction, TriggerEvent } from '../../../src-shared/automation/automation';
import type { Condition } from '../../../src-shared/automation/conditions';
import { dueAt } from '../../../src-shared/automation/schedule';
import { jobsOf, type AutomationHost } from './host';
import type { JobsDatabase } from './job-table';

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
  newId: () => string;
}

/**
 * A document entered `stageId`: each enabled rule of that stage is scheduled by its timing, up to and including the
 * first "wait for": the rules after it are scheduled when the wait ends (`afterPosition`, from then), with the same
 * cause and so the same keys.
 */
export async function scheduleEntry<DB extends JobsDatabase>(host: AutomationHost<DB>, trx: Transaction<DB>, c: Cause & { stageId: string; afterPosition?: number }): Promise<number> {
  const rules = await host.rulesOf(trx, c.stageId, c.afterPosition);
  let scheduled = 0;
  for (const [i, rule] of rules.entries()) {
    // Rules of one entry due at the same moment run in their order: a millisecond apart.
    const due = new Date(dueAt(rule.timing, c.at.getTime(), host.timeZone) + i).toISOString();
    scheduled += await insertJob(trx, c, { sourceKind: 'rule', sourceId: rule.id, action: rule.action, condition: rule.condition, due });
    if (rule.action.kind === 'waitFor') break;
  }
  return scheduled;
}

/** Something happened to a document: each enabled trigger on that event fires, a move into its stage. */
export async function scheduleTriggers<DB extends JobsDatabase>(host: AutomationHost<DB>, trx: Transaction<DB>, c: Cause & { event: TriggerEvent; only?: readonly string[] }): Promise<number> {
  let fired = 0;
  for (const trigger of await host.triggersOn(trx, c.event, c.only)) {
    fired += await insertJob(trx, c, { sourceKind: 'trigger', sourceId: trigger.id, action: { kind: 'moveTo', stageId: trigger.stageId }, condition: trigger.condition, due: c.at.toISOString() });
  }
  return fired;
}

async function insertJob<DB extends JobsDatabase>(trx: Transaction<DB>, c: Cause, job: { sourceKind: 'rule' | 'trigger'; sourceId: string; action: RuleAction; condition: Condition | undefined; due: string }): Promise<number> {
  const result = await jobsOf(trx)
    .insertInto('automation_jobs')
    .values({
      id: c.newId(),
      idempotency_key: `${job.sourceKind}:${job.sourceId}|${c.documentId}|${c.cause}`,
      document_id: c.documentId,
      source_id: job.sourceId,
      source_kind: job.sourceKind,
      action: JSON.stringify(job.action),
      condition: job.condition ? JSON.stringify(job.condition) : null,
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

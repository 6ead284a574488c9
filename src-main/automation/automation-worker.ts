import { sql, type Selectable, type Transaction } from 'kysely';
import { maxAutomaticSteps, ruleActionSchema } from '../../src-shared/automation/automation';
import { conditionHolds, conditionSchema } from '../../src-shared/automation/conditions';
import { defaultRetryPolicy, retryDelayMs, type RetryPolicy } from '../delivery/outbox/backoff';
import { createDueLoop, type DueLoop } from '../delivery/jobs/due-loop';
import type { ServiceContext } from '../services/context';
import { appendDocumentEvent } from '../services/documents/events';
import { systemActor } from '../services/signing/system-move';
import type { AutomationJobTable, Database } from '../store/schema';
import { factsOf } from './document-facts';
import { NotYet, PermanentFailure, type Executors, type Outcome, type RunningJob } from './executors';
import { localTimeZone, waitingReason } from './follow-event';
import { scheduleEntry } from './schedule-jobs';

type Row = Selectable<AutomationJobTable>;
type Status = 'done' | 'skipped' | 'failed';

export interface AutomationWorkerOptions {
  executors: Executors;
  /** The company's time zone, for rules at a time of day after a wait; this computer's by default. */
  timeZone?: string;
  policy?: RetryPolicy;
  random?: () => number;
  idleMs?: number;
}

export type AutomationWorker = DueLoop & { recover(): Promise<number> };

/** How far back the steps of one document are counted for the loop limit. */
const stepWindowMs = 24 * 60 * 60_000;

/**
 * The running half of the engine (issue 9): takes due jobs one at a time, in the order they came due (and, at the
 * same moment, the order they were written: a trigger before the rules of the stage it was already moved into). A
 * job is claimed (running), then done, skipped (its condition does not hold when it comes due, or a rule's document
 * has left the rule's stage meanwhile) or, after retries with backoff, failed with its reason — each an entry in the
 * document's history. A job a stopped process left running is queued again at the next start, so a delay that passed
 * while the app was closed fires then, once: what an action writes to the store is written with the job's "done" in
 * one transaction, and an effect outside it carries the job's idempotency key or finds itself already made. A
 * document that took more than `maxAutomaticSteps` automatic steps within a day is stopped (a loop of two rules),
 * with the reason in its history and the log.
 */
export function createAutomationWorker(ctx: Pick<ServiceContext, 'db' | 'now' | 'log' | 'events' | 'newId'>, options: AutomationWorkerOptions): AutomationWorker {
  const policy = options.policy ?? defaultRetryPolicy;
  const random = options.random ?? Math.random;
  const timeZone = options.timeZone ?? localTimeZone();

  const recover = async () => Number((await ctx.db.updateTable('automation_jobs').set({ status: 'queued' }).where('status', '=', 'running').executeTakeFirst()).numUpdatedRows);

  const runDue = async (stopping: () => boolean): Promise<number> => {
    let tried = 0;
    while (!stopping()) {
      const now = ctx.now().toISOString();
      const next = await ctx.db.selectFrom('automation_jobs').selectAll().where('status', '=', 'queued').where('due_at', '<=', now).orderBy('due_at').orderBy(sql`rowid`).limit(1).executeTakeFirst();
      if (!next) break;
      const claimed = await ctx.db.updateTable('automation_jobs').set((eb) => ({ status: 'running', attempts: eb('attempts', '+', 1) })).where('id', '=', next.id).where('status', '=', 'queued').executeTakeFirst();
      if (Number(claimed.numUpdatedRows) !== 1) continue;
      tried += 1;
      await runOne({ ...next, attempts: next.attempts + 1 });
      ctx.events.publish({ type: 'automationChanged' });
    }
    return tried;
  };

  async function runOne(row: Row): Promise<void> {
    const at = ctx.now().toISOString();
    const parsed = ruleActionSchema.safeParse(JSON.parse(row.action));
    if (!parsed.success) return finish(row, 'failed', 'automation.actionUnreadable');
    const job: RunningJob = { id: row.id, idempotencyKey: row.idempotency_key, documentId: row.document_id, sourceKind: row.source_kind, sourceId: row.source_id, action: parsed.data, at, cause: row.cause, causedAt: row.created_at };
    const executor = options.executors[job.action.kind];
    if (!executor) return finish(row, 'failed', 'automation.actionUnavailable');
    if ((await stepsToday(row.document_id)) >= maxAutomaticSteps) {
      ctx.log.warn('automation stopped: too many automatic steps for one document', { document: row.document_id, job: row.id });
      return finish(row, 'failed', 'automation.loopStopped', 'automationStopped');
    }
    const facts = await factsOf(ctx.db, row.document_id);
    if (!facts) return finish(row, 'skipped', 'documents.notFound');
    if (row.source_kind === 'rule') {
      // A rule runs for a document in its stage: a delayed one whose document was moved on meanwhile does not.
      const rule = await ctx.db.selectFrom('automation_rules').select(['stage_id', 'position']).where('id', '=', row.source_id).executeTakeFirst();
      if (!rule) return finish(row, 'skipped', 'automation.notFound');
      if (facts.stageId !== rule.stage_id) return finish(row, 'skipped', 'automation.leftStage');
    }
    if (row.condition && !conditionHolds(conditionSchema.parse(JSON.parse(row.condition)), facts, at.slice(0, 10))) return finish(row, 'skipped', 'automation.conditionNotMet');
    try {
      const before = (await executor.outside?.(job)) ?? {};
      await ctx.db.transaction().execute(async (trx) => {
        const after = (await executor.inStore?.(trx, job, before.prepared)) ?? {};
        const outcome: Outcome = { ...before, ...after, details: { ...before.details, ...after.details } };
        if (job.action.kind === 'waitFor') await continueAfterWait(trx, row);
        await settle(trx, row, 'done', outcome.note ?? null, at, undefined, outcome.details);
      });
      ctx.events.publish({ type: 'documentsChanged', ids: [row.document_id] });
    } catch (error) {
      if (error instanceof NotYet) {
        // A wait that goes on is not an attempt: looked at again later (or sooner, when the document changes).
        const again = new Date(ctx.now().getTime() + error.retryInMs).toISOString();
        await ctx.db.updateTable('automation_jobs').set({ status: 'queued', due_at: again, attempts: row.attempts - 1, last_error: waitingReason }).where('id', '=', row.id).execute();
        return;
      }
      const reason = error instanceof PermanentFailure ? error.messageKey : `automation.failedAttempt: ${error instanceof Error ? error.message : String(error)}`.slice(0, 500);
      if (error instanceof PermanentFailure || row.attempts >= policy.maxAttempts) return finish(row, 'failed', reason);
      const retryAt = new Date(ctx.now().getTime() + retryDelayMs(policy, row.attempts, random)).toISOString();
      await ctx.db.updateTable('automation_jobs').set({ status: 'queued', due_at: retryAt, last_error: reason }).where('id', '=', row.id).execute();
      ctx.log.warn('automation action failed, tried again later', { job: row.id, attempts: row.attempts, retryAt, reason });
    }
  }

  /** The wait is over: the rules after it in its stage are scheduled now, for the same entry. */
  async function continueAfterWait(trx: Transaction<Database>, row: Row): Promise<void> {
    const rule = await trx.selectFrom('automation_rules').select(['stage_id', 'position']).where('id', '=', row.source_id).executeTakeFirst();
    if (rule) await scheduleEntry(trx, { documentId: row.document_id, stageId: rule.stage_id, afterPosition: rule.position, cause: row.cause, at: ctx.now(), timeZone, newId: ctx.newId });
  }

  async function finish(row: Row, status: Status, reason: string, note?: string): Promise<void> {
    const at = ctx.now().toISOString();
    await ctx.db.transaction().execute((trx) => settle(trx, row, status, reason, at, note));
    if (status === 'failed') ctx.log.warn('automation action failed', { job: row.id, document: row.document_id, reason });
  }

  /** The job's outcome, and the document's history entry of it, in one transaction. */
  async function settle(trx: Transaction<Database>, row: Row, status: Status, reason: string | null, at: string, note?: string, more: Record<string, string> = {}): Promise<void> {
    await trx.updateTable('automation_jobs').set({ status, last_error: reason, finished_at: at }).where('id', '=', row.id).execute();
    if (!(await trx.selectFrom('documents').select('id').where('id', '=', row.document_id).executeTakeFirst())) return;
    const details: Record<string, string> = { ...more, [row.source_kind]: row.source_id, action: (JSON.parse(row.action) as { kind: string }).kind, outcome: status, ...(reason ? { reason } : {}) };
    await appendDocumentEvent(trx, row.document_id, { at, type: note ?? 'automationRan', actor: systemActor, details });
  }

  async function stepsToday(documentId: string): Promise<number> {
    const since = new Date(ctx.now().getTime() - stepWindowMs).toISOString();
    const row = await ctx.db.selectFrom('automation_jobs').select((eb) => eb.fn.countAll<number>().as('n')).where('document_id', '=', documentId).where('status', '=', 'done').where('finished_at', '>=', since).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  const loop = createDueLoop(ctx, {
    runDue,
    nextDueAt: async () => (await ctx.db.selectFrom('automation_jobs').select((eb) => eb.fn.min('due_at').as('at')).where('status', '=', 'queued').executeTakeFirst())?.at,
    failureMessage: 'automation pass failed',
    idleMs: options.idleMs ?? 60_000,
  });
  return {
    ...loop,
    get started() {
      return loop.started;
    },
    recover,
  };
}

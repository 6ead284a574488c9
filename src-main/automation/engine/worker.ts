import type { Kysely, Selectable, Transaction } from 'kysely';
import { maxAutomaticSteps, ruleActionSchema } from '../../../src-shared/automation/automation';
import { conditionHolds, conditionSchema } from '../../../src-shared/automation/conditions';
import { defaultRetryPolicy, retryDelayMs, type RetryPolicy } from '../../delivery/outbox/backoff';
import { createDueLoop, type DueLoop, type DueLoopContext } from '../../delivery/jobs/due-loop';
import { handedOverCause, jobsOf, NotYet, PermanentFailure, waitingReason, type AutomationHost, type EngineContext, type Executors, type Outcome, type RunningJob } from './host';
import type { AutomationJobTable, JobsDatabase } from './job-table';
import { scheduleEntry } from './schedule';

/** A claimed job, with the due time its claim left in the row (a lease's end, when shared): only that claim settles it. */
type Row = Selectable<AutomationJobTable> & { claimedDue: string };

/** The claim was taken over (its lease ran out and another process took the job): nothing of this run is kept. */
class ClaimLost extends Error {}
type Status = 'done' | 'skipped' | 'failed';

export interface EngineWorkerOptions<DB> {
  executors: Executors<DB>;
  policy?: RetryPolicy;
  random?: () => number;
  idleMs?: number;
  /**
   * Several processes run jobs from this store (the company server's instances on one PostgreSQL): a claim is a
   * lease this long, taken over only once it has run out (its process died), never at another's start.
   */
  sharedLeaseMs?: number;
}

export type AutomationWorker = DueLoop & { recover(): Promise<number> };

/** How far back the steps of one document are counted for the loop limit. */
const stepWindowMs = 24 * 60 * 60_000;

/** The automatic steps a document took in the last day (the loop limit counts them). */
export async function automaticStepsToday(db: Kysely<JobsDatabase>, documentId: string, now: Date): Promise<number> {
  const since = new Date(now.getTime() - stepWindowMs).toISOString();
  // Only steps that did something: a trigger that found the card already there is no step of a loop.
  const row = await db
    .selectFrom('automation_jobs')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('document_id', '=', documentId)
    .where('status', '=', 'done')
    .where('last_error', 'is', null)
    .where('finished_at', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * The running half of the engine (issue 9): takes due jobs one at a time, in the order they came due (and, at the
 * same moment, the order they were written: a trigger before the rules of the stage it was already moved into). A
 * job is claimed (running: a conditional update, so two processes on one store never take the same job), then
 * done, skipped (its condition does not hold when it comes due, or a rule's document has left the rule's stage
 * meanwhile) or, after retries with backoff, failed with its reason — each an entry in the document's history. A job
 * a stopped process left running is queued again at the next start, so a delay that passed while the process was
 * down fires then, once: what an action writes to the store is written with the job's "done" in one transaction,
 * and an effect outside it carries the job's idempotency key or finds itself already made. A document that took more
 * than `maxAutomaticSteps` automatic steps within a day is stopped (a loop of two rules), with the reason in its
 * history and the log.
 */
export function createEngineWorker<DB extends JobsDatabase>(host: AutomationHost<DB>, ctx: EngineContext & { events: DueLoopContext['events'] }, options: EngineWorkerOptions<DB>): AutomationWorker {
  const policy = options.policy ?? defaultRetryPolicy;
  const random = options.random ?? Math.random;
  const jobs = jobsOf(host.db);
  const inTransaction = (work: (trx: Transaction<DB>) => Promise<void>) => jobs.transaction().execute((trx) => work(trx as unknown as Transaction<DB>));
  /** The job's row, while this process's claim on it holds. */
  const claimed = (db: Kysely<JobsDatabase>, row: Row) => db.updateTable('automation_jobs').where('id', '=', row.id).where('status', '=', 'running').where('due_at', '=', row.claimedDue);

  const lease = options.sharedLeaseMs;
  // Shared: a lease that ran out is claimed like a queued job, so nothing is queued again at a start.
  const recover = async () => (lease ? 0 : Number((await jobs.updateTable('automation_jobs').set({ status: 'queued' }).where('status', '=', 'running').executeTakeFirst()).numUpdatedRows));
  const claimable = lease ? (['queued', 'running'] as const) : (['queued'] as const);

  const runDue = async (stopping: () => boolean): Promise<number> => {
    let tried = 0;
    while (!stopping()) {
      const now = ctx.now().toISOString();
      const next = await jobs.selectFrom('automation_jobs').selectAll().where('status', 'in', claimable).where('due_at', '<=', now).orderBy('due_at').orderBy(host.writeOrder).limit(1).executeTakeFirst();
      if (!next) break;
      const until = lease ? { due_at: new Date(ctx.now().getTime() + lease).toISOString() } : {};
      const claim = await jobs
        .updateTable('automation_jobs')
        .set((eb) => ({ status: 'running', attempts: eb('attempts', '+', 1), ...until }))
        .where('id', '=', next.id)
        .where('status', '=', next.status)
        .where('due_at', '=', next.due_at)
        .executeTakeFirst();
      if (Number(claim.numUpdatedRows) !== 1) continue;
      tried += 1;
      const row: Row = { ...next, attempts: next.attempts + 1, claimedDue: until.due_at ?? next.due_at };
      try {
        await runOne(row);
      } catch (error) {
        // The store refused a write the job's outcome needed (locked by another process past its timeout): the job
        // is queued again rather than left "running" until the next start.
        if (error instanceof ClaimLost) {
          ctx.log.warn('automation job taken over by another process; its outcome is that one\'s', { job: row.id });
          continue;
        }
        ctx.log.error('automation job could not be settled; queued again', error, { job: row.id });
        const later = new Date(ctx.now().getTime() + retryDelayMs(policy, row.attempts, random)).toISOString();
        await claimed(jobs, row).set({ status: 'queued', due_at: later }).execute();
      }
      host.changed?.();
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
    if ((await automaticStepsToday(jobs, row.document_id, ctx.now())) >= maxAutomaticSteps) {
      ctx.log.warn('automation stopped: too many automatic steps for one document', { document: row.document_id, job: row.id });
      return finish(row, 'failed', 'automation.loopStopped', 'automationStopped');
    }
    const facts = await host.facts(host.db, row.document_id);
    if (!facts) return finish(row, 'skipped', 'documents.notFound');
    // One handed over by another engine (the company server's) was checked there, against its rule as it was then.
    if (!row.cause.startsWith(handedOverCause)) {
      const source = await host.source(host.db, row.source_kind, row.source_id);
      if (!source) return finish(row, 'skipped', 'automation.notFound');
      if (!source.enabled) return finish(row, 'skipped', 'automation.disabled');
      // A rule runs for the entry that scheduled it: one whose document has left the stage since (even if it came
      // back: that entry scheduled its own) does not start. An action already begun is seen through its retries.
      if (row.source_kind === 'rule' && row.attempts === 1 && (facts.stageId !== source.stageId || (await movedSince(row)))) return finish(row, 'skipped', 'automation.leftStage');
    }
    const isWait = job.action.kind === 'waitFor';
    if (row.condition && !conditionHolds(conditionSchema.parse(JSON.parse(row.condition)), facts, at.slice(0, 10))) {
      // A wait that does not apply to this document holds nothing back: the stage's later rules go on.
      return finish(row, 'skipped', 'automation.conditionNotMet', undefined, isWait ? (trx) => continueAfterWait(trx, row) : undefined);
    }
    try {
      const before = (await executor.outside?.(job)) ?? {};
      let after: Outcome = {};
      await inTransaction(async (trx) => {
        after = (await executor.inStore?.(trx, job, before.prepared)) ?? {};
        const outcome: Outcome = { ...before, ...after, details: { ...before.details, ...after.details } };
        if (isWait) await continueAfterWait(trx, row);
        await settle(trx, row, 'done', outcome.note ?? null, at, undefined, outcome.details);
      });
      // What is told to open windows (an employee's notice) is told once the job is done, not before.
      before.afterCommit?.();
      after.afterCommit?.();
      host.changed?.(row.document_id);
    } catch (error) {
      if (error instanceof ClaimLost) throw error;
      if (error instanceof NotYet) {
        // A wait that goes on is not an attempt: looked at again later (or sooner, when the document changes).
        const again = new Date(ctx.now().getTime() + error.retryInMs).toISOString();
        await claimed(jobs, row).set({ status: 'queued', due_at: again, attempts: row.attempts - 1, last_error: waitingReason }).execute();
        return;
      }
      const reason = error instanceof PermanentFailure ? error.messageKey : `automation.failedAttempt: ${error instanceof Error ? error.message : String(error)}`.slice(0, 500);
      if (error instanceof PermanentFailure || row.attempts >= policy.maxAttempts) return finish(row, 'failed', reason);
      const retryAt = new Date(ctx.now().getTime() + retryDelayMs(policy, row.attempts, random)).toISOString();
      await claimed(jobs, row).set({ status: 'queued', due_at: retryAt, last_error: reason }).execute();
      ctx.log.warn('automation action failed, tried again later', { job: row.id, attempts: row.attempts, retryAt, reason });
    }
  }

  /** The document entered a stage again after the entry that caused this job. */
  async function movedSince(row: Row): Promise<boolean> {
    const match = /^stageMoved:(\d+)$/.exec(row.cause);
    return match !== null && (await host.lastStageEntry(host.db, row.document_id)) > Number(match[1]);
  }

  /** The wait is over: the rules after it in its stage are scheduled now, for the same entry. */
  async function continueAfterWait(trx: Transaction<DB>, row: Row): Promise<void> {
    const rule = await host.source(trx, 'rule', row.source_id);
    if (rule) await scheduleEntry(host, trx, { documentId: row.document_id, stageId: rule.stageId, afterPosition: rule.position ?? 0, cause: row.cause, at: ctx.now(), newId: ctx.newId });
  }

  async function finish(row: Row, status: Status, reason: string, note?: string, also?: (trx: Transaction<DB>) => Promise<void>): Promise<void> {
    const at = ctx.now().toISOString();
    await inTransaction(async (trx) => {
      await also?.(trx);
      await settle(trx, row, status, reason, at, note);
    });
    if (status === 'failed') ctx.log.warn('automation action failed', { job: row.id, document: row.document_id, reason });
  }

  /** The job's outcome, and the document's history entry of it, in one transaction. */
  async function settle(trx: Transaction<DB>, row: Row, status: Status, reason: string | null, at: string, note?: string, more: Record<string, string> = {}): Promise<void> {
    const settled = await claimed(jobsOf(trx), row).set({ status, last_error: reason, finished_at: at }).executeTakeFirst();
    // Rolls back what the run wrote in the store with it: the process that took the job over writes its own.
    if (Number(settled.numUpdatedRows) !== 1) throw new ClaimLost();
    const details: Record<string, string> = { ...more, [row.source_kind]: row.source_id, action: (JSON.parse(row.action) as { kind: string }).kind, outcome: status, ...(reason ? { reason } : {}) };
    await host.record(trx, row.document_id, { at, type: note ?? 'automationRan', details }, { id: row.id, attempts: row.attempts, dueAt: row.due_at, createdAt: row.created_at });
  }

  const loop = createDueLoop(ctx, {
    runDue,
    nextDueAt: async () => (await jobs.selectFrom('automation_jobs').select((eb) => eb.fn.min('due_at').as('at')).where('status', 'in', claimable).executeTakeFirst())?.at,
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

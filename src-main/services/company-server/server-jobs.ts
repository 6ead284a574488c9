import type { Transaction } from 'kysely';
import { AppError } from '../../../src-shared/contract/errors';
import { createDueLoop } from '../../delivery/jobs/due-loop';
import { retryDelayMs, type RetryPolicy } from '../../delivery/outbox/backoff';
import type { Database } from '../../store/schema';
import { nowIso, type ServiceContext } from '../context';
import { appendDocumentEvent } from '../documents/events';

/*
 * What the desktop's durable jobs towards the company server share (publishing a document, publish-job.ts; reporting
 * a signature made here, signature-report.ts): a table of rows due at `next_attempt_at`, run one at a time; a failure
 * waiting can mend is tried again later, one it cannot fails the job; either way the document's history says so.
 * Each job keeps its own table, its own work and how its row is found; this is the rest.
 */

/**
 * While the server cannot be reached, a job waits 30 s doubling to an hour between tries and keeps trying for about
 * three weeks: a document sent is published (a signature reported) whenever the server comes back (a weekend, a
 * holiday), not given up on.
 */
export const serverRetryPolicy: RetryPolicy = { baseMs: 30_000, capMs: 3_600_000, maxAttempts: 500 };

export interface ServerJobOptions {
  policy?: RetryPolicy;
  random?: () => number;
  /** The longest the loop sleeps without looking at the table. */
  idleMs?: number;
}

export interface ServerJobs {
  /** Runs jobs as they come due, until `stop`; jobs left by a previous run are picked up at once. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Runs every job due by `ctx.now()`, one after another; resolves with how many it tried. Tests call it directly. */
  runDue(): Promise<number>;
}

/** What every job row has. */
export interface ServerJobRow {
  document_id: string;
  attempts: number;
}

/** What a failed attempt writes to its row, the same columns in every job table. */
export interface RetryColumns {
  status: 'pending' | 'failed';
  attempts: number;
  next_attempt_at: string;
  last_error: string;
  updated_at: string;
}

export interface ServerJobKind<J extends ServerJobRow> {
  /** The jobs due now, in the order they run. */
  due(): Promise<J[]>;
  /** When the earliest job that can run comes due (an ISO time), or nothing. */
  nextDueAt(): Promise<string | null | undefined>;
  /** Does the job and settles its row; throws to fail the attempt. */
  run(job: J, at: () => string): Promise<void>;
  /** In the failure's transaction: `columns` written to this job's row, if it is still pending. */
  retry(trx: Transaction<Database>, job: J, columns: RetryColumns): Promise<void>;
  /** The history entry of a failure, the first wait (`temporary`, noted once) or for good: its type and what else it says. */
  failureEvent(job: J, temporary: boolean): { type: string; details?: Record<string, string> };
  /** What a failed attempt is logged as. */
  failureLog(job: J): string;
  /** What a failed pass of the loop is logged as. */
  loopFailure: string;
}

/**
 * Whether trying again can help: the server unreachable, slow, answering through a proxy's error page, busy (5xx,
 * 429) or asking for something to be continued or waited for (409). A refusal of what was sent (a 4xx) or of the
 * token, or no server linked any more, will not change by waiting: the job fails with that reason on the document.
 */
export function isTemporary(error: unknown): boolean {
  if (!(error instanceof AppError)) return false;
  if (error.code !== 'TRANSPORT') return false;
  if (error.messageKey !== 'companyServer.errors.refused') return true;
  const status = Number(error.details?.status);
  return status >= 500 || status === 429 || status === 409;
}

export function reasonOf(error: unknown): { messageKey: string; details?: Record<string, unknown> } {
  if (error instanceof AppError) return { messageKey: error.messageKey, ...(error.details ? { details: error.details } : {}) };
  return { messageKey: 'errors.internal', details: { message: error instanceof Error ? error.message : String(error) } };
}

/** The reason in a history entry, whose details are text: its message key as `error`, beside that message's values. */
const eventReason = (reason: ReturnType<typeof reasonOf>): Record<string, string> => ({ ...Object.fromEntries(Object.entries(reason.details ?? {}).map(([k, v]) => [k, String(v)])), error: reason.messageKey });

/** A loop over one kind of job: each due job run, a failure retried with backoff or failed for good, the board told. */
export function createServerJobs<J extends ServerJobRow>(ctx: ServiceContext, kind: ServerJobKind<J>, options: ServerJobOptions = {}): ServerJobs {
  const policy = options.policy ?? serverRetryPolicy;
  const random = options.random ?? Math.random;

  const runOne = async (job: J): Promise<void> => {
    const at = () => nowIso(ctx);
    try {
      await kind.run(job, at);
    } catch (error) {
      const reason = reasonOf(error);
      const attempts = job.attempts + 1;
      const temporary = isTemporary(error) && attempts < policy.maxAttempts;
      ctx.log.warn(kind.failureLog(job), { documentId: job.document_id, attempt: attempts, temporary, reason: reason.messageKey });
      await ctx.db.transaction().execute(async (trx) => {
        await kind.retry(trx, job, {
          status: temporary ? 'pending' : 'failed',
          attempts,
          next_attempt_at: new Date(ctx.now().getTime() + retryDelayMs(policy, attempts, random)).toISOString(),
          last_error: JSON.stringify(reason),
          updated_at: at(),
        });
        if (temporary && attempts !== 1) return;
        const event = kind.failureEvent(job, temporary);
        await appendDocumentEvent(trx, job.document_id, { at: at(), type: event.type, actor: 'Signet', details: { ...eventReason(reason), ...event.details } });
      });
    }
    ctx.events.publish({ type: 'documentsChanged', ids: [job.document_id] });
  };

  const runDue = async (stopping: () => boolean): Promise<number> => {
    let tried = 0;
    for (const job of await kind.due()) {
      if (stopping()) break;
      tried++;
      await runOne(job);
    }
    return tried;
  };

  // Any event of this process wakes the loop: whoever writes a job publishes documentsChanged after it.
  const loop = createDueLoop(ctx, { runDue, nextDueAt: kind.nextDueAt, failureMessage: kind.loopFailure, idleMs: options.idleMs ?? 60_000 });
  return { runDue: loop.runDue, start: async () => loop.start(), stop: loop.stop };
}

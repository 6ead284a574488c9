import type { Kysely } from 'kysely';
import type { RetryPolicy } from '../delivery/outbox/backoff';
import type { ServiceContext } from '../services/context';
import type { Database } from '../store/schema';
import { desktopHost } from './desktop-host';
import { jobsOf } from './engine/host';
import * as engine from './engine/worker';
import type { Executors } from './executors';

export type { AutomationWorker } from './engine/worker';

export interface AutomationWorkerOptions {
  executors: Executors;
  /** The company's time zone, for rules at a time of day after a wait; this computer's by default. */
  timeZone?: string;
  policy?: RetryPolicy;
  random?: () => number;
  idleMs?: number;
}

/** The automatic steps a document took in the last day (the loop limit counts them). */
export const automaticStepsToday = (db: Kysely<Database>, documentId: string, now: Date): Promise<number> => engine.automaticStepsToday(jobsOf(db), documentId, now);

/** The engine's worker (engine/worker.ts) over this desktop's store. */
export function createAutomationWorker(ctx: Pick<ServiceContext, 'db' | 'now' | 'log' | 'events' | 'newId'>, options: AutomationWorkerOptions): engine.AutomationWorker {
  const { executors, timeZone, ...rest } = options;
  return engine.createEngineWorker(desktopHost(ctx.db, { events: ctx.events, ...(timeZone ? { timeZone } : {}) }), ctx, { executors, ...rest });
}

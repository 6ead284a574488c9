import type { Kysely, RawBuilder, Transaction } from 'kysely';
import type { Rule, RuleAction, RuleActionKind, Trigger, TriggerEvent } from '../../../src-shared/automation/automation';
import type { DocumentFacts } from '../../../src-shared/automation/conditions';
import type { Log } from '../../app/log';
import type { JobsDatabase } from './job-table';

/*
 * What the engine needs from the store it runs in (issue 9: one engine for the desktop and the company server). The
 * desktop answers from its own tables (desktop-host.ts); the server from the records desktops synced to it and what
 * happened on its portal (src-server/automation). Everything else — scheduling in the event's transaction, claiming,
 * retries with backoff, the loop limit, waits — is the engine's, the same on both.
 */

/** A document as the engine reads it: its condition facts and the stage it is in (by the host's stage ids). */
export type EngineFacts = DocumentFacts & { stageId: string | null };

export interface AutomationHost<DB extends JobsDatabase> {
  db: Kysely<DB>;
  /** The order rows were written in, for jobs due at the same moment: a trigger before the rules it led to. */
  writeOrder: RawBuilder<unknown>;
  /** The company's time zone, for rules at a time of day. */
  timeZone: string;
  /** The enabled triggers on an event, in id order; `only` narrows them to these ids. */
  triggersOn(trx: Transaction<DB>, event: TriggerEvent, only?: readonly string[]): Promise<Trigger[]>;
  /** The enabled rules of a stage in their order, those after `afterPosition` when given. */
  rulesOf(trx: Transaction<DB>, stageId: string, afterPosition?: number): Promise<Rule[]>;
  /** The rule or trigger a job came from, as it is now. */
  source(db: Kysely<DB>, kind: 'rule' | 'trigger', id: string): Promise<{ stageId: string; enabled: boolean; position?: number } | null>;
  facts(db: Kysely<DB>, documentId: string): Promise<EngineFacts | null>;
  /** The place of the document's last entry into a stage in its history (`stageMoved:<seq>` causes name such places), 0 if none. */
  lastStageEntry(db: Kysely<DB>, documentId: string): Promise<number>;
  /** Writes the job's outcome into the document's history (the timeline's "moved by trigger X"). */
  record(trx: Transaction<DB>, documentId: string, entry: { at: string; type: string; details: Record<string, string> }, job: RecordedJob): Promise<void>;
  /** Told after a job changed (open windows look again); nothing on the server. */
  changed?(documentId?: string): void;
}

/** The job an outcome is of, for a host that keeps a log of outcomes beside the history (the server's feed). */
export interface RecordedJob {
  id: string;
  attempts: number;
  dueAt: string;
  createdAt: string;
}

export interface EngineContext {
  now(): Date;
  log: Log;
  newId(): string;
}

/** A job as an executor sees it. */
export interface RunningJob {
  id: string;
  idempotencyKey: string;
  documentId: string;
  sourceKind: 'rule' | 'trigger';
  sourceId: string;
  action: RuleAction;
  at: string;
  /** The history entry that caused it (`type:seq`), and when that happened: the same for every attempt. */
  cause: string;
  causedAt: string;
}

/** A refusal that waiting will not change (a move the lifecycle forbids): the job fails at once, with this reason. */
export class PermanentFailure extends Error {
  constructor(readonly messageKey: string) {
    super(messageKey);
  }
}

/** A wait whose condition does not hold yet: looked at again after `retryInMs`, not counted as an attempt. */
export class NotYet extends Error {
  constructor(readonly retryInMs: number) {
    super('automation.waiting');
  }
}

/** The cause of a job another engine handed over (the company server's, to the desktop that sent the document). */
export const handedOverCause = 'server:';

/** What a job that waits (not an attempt that failed) carries as its reason. */
export const waitingReason = 'automation.waiting';

/** What an action did, for the job's log entry and the document's history. */
export interface Outcome {
  /** The stage the document entered, if it moved. */
  entered?: string;
  /** What was (or was not) done and why, as a message key: the job is still done (the signers were already sent). */
  note?: string;
  details?: Record<string, string>;
  /** Handed from `outside` to `inStore`: what was read before the transaction (the mail settings). */
  prepared?: unknown;
  /** Run once the job is recorded done (telling open windows). */
  afterCommit?: () => void;
}

/**
 * What an action does. `outside` (an effect beyond the store: HTTP, a send with its own transaction, reading what
 * the transaction cannot) runs first and may run again after a crash — it gets the job's idempotency key to pass on,
 * or finds its effect already made; `inStore` runs in the transaction that marks the job done, so what it writes
 * happens exactly once. A move's history entry schedules the entered stage's rules in that same transaction.
 */
export interface Executor<DB = never> {
  outside?(job: RunningJob): Promise<Outcome | void>;
  inStore?(trx: Transaction<DB>, job: RunningJob, prepared: unknown): Promise<Outcome | void>;
}

export type Executors<DB = never> = Partial<Record<RuleActionKind, Executor<DB>>>;

/** The engine's view of a host's store: only its own tables (the host's other tables are the host's business). */
export const jobsOf = <DB extends JobsDatabase>(db: Kysely<DB> | Transaction<DB>): Kysely<JobsDatabase> => db as unknown as Kysely<JobsDatabase>;

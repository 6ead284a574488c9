import { createHmac } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { RuleAction, RuleActionKind } from '../../src-shared/automation/automation';
import { checkMove, type Phase } from '../../src-shared/documents/lifecycle';
import { appendDocumentEvent } from '../services/documents/events';
import { systemActor } from '../services/signing/system-move';
import type { Database } from '../store/schema';
import { signingFacts } from '../sync/records/document-record';
import { conditionHolds } from '../../src-shared/automation/conditions';
import { factsOf } from './document-facts';

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

/** How soon a move into Signed looks again for the seal it waits for (the seal's own entry wakes it sooner). */
const sealWaitMs = 60_000;

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
export interface Executor {
  outside?(job: RunningJob): Promise<Outcome | void>;
  inStore?(trx: Transaction<Database>, job: RunningJob, prepared: unknown): Promise<Outcome | void>;
}

export type Executors = Partial<Record<RuleActionKind, Executor>>;

/** Moves the document into the stage, where the lifecycle allows it by what has been signed. */
const moveTo: Executor = {
  async inStore(trx, job) {
    if (job.action.kind !== 'moveTo') return;
    const doc = await trx.selectFrom('documents as d').innerJoin('document_stages as s', 's.id', 'd.stage_id').select(['d.stage_id', 's.phase']).where('d.id', '=', job.documentId).executeTakeFirstOrThrow();
    if (doc.stage_id === job.action.stageId) return { note: 'automation.alreadyInStage' };
    const target = await trx.selectFrom('document_stages').select(['id', 'phase']).where('id', '=', job.action.stageId).executeTakeFirst();
    if (!target) throw new PermanentFailure('automation.stageNotFound');
    const check = checkMove(doc.phase as Phase, target.phase as Phase, await signingFacts(trx, job.documentId));
    if (!check.ok) throw new PermanentFailure(check.messageKey);
    // "Signed" always has its sealed PDF: a move there on the last signature waits for the seal, moments later.
    if (target.phase === 'signed' && !(await trx.selectFrom('documents').select('sealed_sha256').where('id', '=', job.documentId).executeTakeFirstOrThrow()).sealed_sha256) throw new NotYet(sealWaitMs);
    await trx.updateTable('documents').set((eb) => ({ stage_id: target.id, updated_at: job.at, version: eb('version', '+', 1) })).where('id', '=', job.documentId).execute();
    await appendDocumentEvent(trx, job.documentId, { at: job.at, type: 'stageMoved', actor: systemActor, details: { from: doc.stage_id ?? '', to: target.id, [job.sourceKind]: job.sourceId } });
    return { entered: target.id };
  },
};

const addTag: Executor = {
  async inStore(trx, job) {
    if (job.action.kind !== 'addTag') return;
    await trx.insertInto('document_tags').values({ document_id: job.documentId, tag: job.action.tag }).onConflict((oc) => oc.doNothing()).execute();
  },
};

const setOwner: Executor = {
  async inStore(trx, job) {
    if (job.action.kind !== 'setOwner') return;
    if (!(await trx.selectFrom('users').select('id').where('id', '=', job.action.userId).executeTakeFirst())) throw new PermanentFailure('employees.notFound');
    await trx.updateTable('documents').set((eb) => ({ owner_id: (job.action as { userId: string }).userId, updated_at: job.at, version: eb('version', '+', 1) })).where('id', '=', job.documentId).execute();
  },
};

/** The header a webhook's receiver checks: HMAC-SHA256 of the exact body with the shared secret. */
export const signatureHeader = 'x-signet-signature';

export function webhookSignature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/**
 * POSTs the document's facts to the URL, signed; the idempotency key lets the receiver drop a repeat (a crash between
 * its answer and the job being marked done sends it again). A 2xx is done; 4xx but 408/429 will not change by waiting.
 */
export function webhookExecutor(options: { secretOf(name: string): Promise<string | null>; facts(documentId: string): Promise<Record<string, unknown>>; timeoutMs?: number }): Executor {
  return {
    async outside(job) {
      if (job.action.kind !== 'webhook') return;
      const secret = await options.secretOf(job.action.secretName);
      if (!secret) throw new PermanentFailure('automation.webhook.noSecret');
      // Every attempt carries the job's key and the cause's time; the document's facts are as they are at the attempt.
      const body = JSON.stringify({ event: 'automation', job: job.idempotencyKey, document: await options.facts(job.documentId), at: job.causedAt });
      const response = await fetch(job.action.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': job.idempotencyKey, [signatureHeader]: webhookSignature(secret, body) },
        body,
        signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
        // A redirect would hand the signed body to a host the rule does not name.
        redirect: 'error',
      });
      if (response.ok) return;
      const permanent = response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429;
      const message = `HTTP ${response.status}`;
      throw permanent ? new PermanentFailure(`automation.webhook.refused: ${message}`) : new Error(message);
    },
  };
}

/** How often a wait looks at its condition when nothing about the document changed. */
export const waitRecheckMs = 60 * 60_000;

/** Holds the stage's later rules until the condition holds; the engine then schedules them. */
const waitFor: Executor = {
  async inStore(trx, job) {
    if (job.action.kind !== 'waitFor') return;
    const facts = await factsOf(trx, job.documentId);
    if (!facts || !conditionHolds(job.action.condition, facts, job.at.slice(0, 10))) throw new NotYet(waitRecheckMs);
  },
};

/** The executors of what the store itself does; the rest (sending, mail, webhooks) are given by the app. */
export const storeExecutors: Executors = { moveTo, addTag, setOwner, waitFor };

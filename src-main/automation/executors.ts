import { createHmac } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { RuleAction, RuleActionKind } from '../../src-shared/automation/automation';
import { checkMove, type Phase } from '../../src-shared/documents/lifecycle';
import { appendDocumentEvent } from '../services/documents/events';
import { systemActor } from '../services/signing/system-move';
import type { Database } from '../store/schema';
import { signingFacts } from '../sync/records/document-record';

/** A job as an executor sees it. */
export interface RunningJob {
  id: string;
  idempotencyKey: string;
  documentId: string;
  sourceKind: 'rule' | 'trigger';
  sourceId: string;
  action: RuleAction;
  at: string;
}

/** A refusal that waiting will not change (a move the lifecycle forbids): the job fails at once, with this reason. */
export class PermanentFailure extends Error {
  constructor(readonly messageKey: string) {
    super(messageKey);
  }
}

/**
 * What an action does. `outside` (an effect beyond the store: HTTP) runs first and may run again after a crash — it
 * gets the job's idempotency key to pass on; `inStore` runs in the transaction that marks the job done, so what it
 * writes happens exactly once. It returns the stage the document entered, if it moved (the engine then schedules that
 * stage's rules in the same transaction).
 */
export interface Executor {
  outside?(job: RunningJob): Promise<void>;
  inStore?(trx: Transaction<Database>, job: RunningJob): Promise<{ entered?: string } | void>;
}

export type Executors = Partial<Record<RuleActionKind, Executor>>;

/** Moves the document into the stage, where the lifecycle allows it by what has been signed. */
const moveTo: Executor = {
  async inStore(trx, job) {
    if (job.action.kind !== 'moveTo') return;
    const doc = await trx.selectFrom('documents as d').innerJoin('document_stages as s', 's.id', 'd.stage_id').select(['d.stage_id', 's.phase']).where('d.id', '=', job.documentId).executeTakeFirstOrThrow();
    if (doc.stage_id === job.action.stageId) return;
    const target = await trx.selectFrom('document_stages').select(['id', 'phase']).where('id', '=', job.action.stageId).executeTakeFirst();
    if (!target) throw new PermanentFailure('automation.stageNotFound');
    const check = checkMove(doc.phase as Phase, target.phase as Phase, await signingFacts(trx, job.documentId));
    if (!check.ok) throw new PermanentFailure(check.messageKey);
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
      const body = JSON.stringify({ event: 'automation', job: job.idempotencyKey, document: await options.facts(job.documentId), at: job.at });
      const response = await fetch(job.action.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': job.idempotencyKey, [signatureHeader]: webhookSignature(secret, body) },
        body,
        signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
      });
      if (response.ok) return;
      const permanent = response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429;
      const message = `HTTP ${response.status}`;
      throw permanent ? new PermanentFailure(`automation.webhook.refused: ${message}`) : new Error(message);
    },
  };
}

/** The executors of what the store itself does; the rest (sending, mail, webhooks) are given by the app. */
export const storeExecutors: Executors = { moveTo, addTag, setOwner };

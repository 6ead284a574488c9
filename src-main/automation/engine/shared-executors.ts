import { createHmac } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import { conditionHolds } from '../../../src-shared/automation/conditions';
import { NotYet, PermanentFailure, type EngineFacts, type Executor } from './host';

/* The actions that read the same on a desktop and on the company server: a webhook, and a wait. */

/** The header a webhook's receiver checks: HMAC-SHA256 of the exact body with the shared secret. */
export const signatureHeader = 'x-signet-signature';

export function webhookSignature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/**
 * POSTs the document's facts to the URL, signed; the idempotency key lets the receiver drop a repeat (a crash between
 * its answer and the job being marked done sends it again). A 2xx is done; 4xx but 408/429 will not change by waiting.
 */
export function webhookExecutor<DB>(options: { secretOf(name: string): Promise<string | null>; facts(documentId: string): Promise<Record<string, unknown>>; timeoutMs?: number }): Executor<DB> {
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

/** A trigger's move back to an earlier stage, not made: triggers move forward unless one allows it back. */
export const backwardNote = 'automation.notBackward';

/** How often a wait looks at its condition when nothing about the document changed. */
export const waitRecheckMs = 60 * 60_000;

/** Holds the stage's later rules until the condition holds; the engine then schedules them. */
export function waitForExecutor<DB>(factsOf: (db: Kysely<DB> | Transaction<DB>, documentId: string) => Promise<EngineFacts | null>): Executor<DB> {
  return {
    async inStore(trx, job) {
      if (job.action.kind !== 'waitFor') return;
      const facts = await factsOf(trx, job.documentId);
      if (!facts || !conditionHolds(job.action.condition, facts, job.at.slice(0, 10))) throw new NotYet(waitRecheckMs);
    },
  };
}

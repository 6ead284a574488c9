import type { Kysely, Selectable } from 'kysely';
import { apiPrefix } from '../../../src-shared/company-server/api';
import { publishResponseSchema } from '../../../src-shared/company-server/publish';
import { AppError } from '../../../src-shared/contract/errors';
import { createDueLoop } from '../../delivery/jobs/due-loop';
import { retryDelayMs, type RetryPolicy } from '../../delivery/outbox/backoff';
import type { Database, PublishJobTable } from '../../store/schema';
import { nowIso, type ServiceContext } from '../context';
import { appendDocumentEvent } from '../documents/events';
import { companyServerClient, type CompanyServerClient } from './client';
import { readToken } from './link-store';
import { publishPayload } from './publish-payload';
import { uploadFile } from './publish-upload';

/**
 * While the server cannot be reached, a job waits 30 s doubling to an hour between tries and keeps trying for about
 * three weeks: a document sent is published whenever the server comes back (a weekend, a holiday), not given up on.
 */
export const publishRetryPolicy: RetryPolicy = { baseMs: 30_000, capMs: 3_600_000, maxAttempts: 500 };

/** In the send's transaction: the document will be published, whatever happens to this process meanwhile. */
export async function queuePublish(trx: Kysely<Database>, documentId: string, at: string): Promise<void> {
  await trx
    .insertInto('publish_jobs')
    .values({ document_id: documentId, status: 'pending', next_attempt_at: at, upload_id: null, last_error: null, published_id: null, created_at: at, updated_at: at })
    .onConflict((oc) => oc.column('document_id').doNothing())
    .execute();
}

/**
 * In a cancel's or an expiry's transaction: a job still waiting to publish never runs (no link goes out for a
 * document nobody can sign), and with `onServer` (a cancel) one already published becomes a job cancelling it on the
 * server, so its links die there too. An expired document is left to the server's own expiry: the links expire at
 * the same moment, and the portal says "expired", not "cancelled".
 */
export async function withdrawPublish(trx: Kysely<Database>, documentId: string, at: string, options: { onServer: boolean }): Promise<void> {
  await trx.updateTable('publish_jobs').set({ status: 'cancelled', updated_at: at }).where('document_id', '=', documentId).where('kind', '=', 'publish').where('status', '=', 'pending').execute();
  if (!options.onServer) return;
  await trx
    .updateTable('publish_jobs')
    .set({ kind: 'cancel', status: 'pending', attempts: 0, next_attempt_at: at, last_error: null, updated_at: at })
    .where('document_id', '=', documentId)
    .where('kind', '=', 'publish')
    .where('status', '=', 'published')
    .execute();
}

export interface Publisher {
  /** Publishes as jobs come due, until `stop`; jobs left by a previous run are picked up at once. */
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Runs every job due by `ctx.now()`, one after another; resolves with how many it tried. Tests call it directly. */
  runDue(): Promise<number>;
}

export interface PublisherOptions {
  policy?: RetryPolicy;
  random?: () => number;
  /** The longest the loop sleeps without looking at the table. */
  idleMs?: number;
}

type Job = Selectable<PublishJobTable>;

/**
 * Whether trying again can help: the server unreachable, slow, answering through a proxy's error page, busy (5xx,
 * 429) or asking for the upload to be continued. A refusal of what was sent (a 4xx) or of the token, or no server
 * linked any more, will not change by waiting: the job fails with that reason on the document.
 */
function isTemporary(error: unknown): boolean {
  if (!(error instanceof AppError)) return false;
  if (error.code !== 'TRANSPORT') return false;
  if (error.messageKey !== 'companyServer.errors.refused') return true;
  const status = Number(error.details?.status);
  return status >= 500 || status === 429 || status === 409;
}

function reasonOf(error: unknown): { messageKey: string; details?: Record<string, unknown> } {
  if (error instanceof AppError) return { messageKey: error.messageKey, ...(error.details ? { details: error.details } : {}) };
  return { messageKey: 'errors.internal', details: { message: error instanceof Error ? error.message : String(error) } };
}

/** The reason in a history entry, whose details are text: its message key as `error`, beside that message's values. */
const eventReason = (reason: ReturnType<typeof reasonOf>): Record<string, string> => ({ ...Object.fromEntries(Object.entries(reason.details ?? {}).map(([k, v]) => [k, String(v)])), error: reason.messageKey });

const phaseOf = async (db: Kysely<Database>, documentId: string): Promise<string | undefined> =>
  (await db.selectFrom('documents').innerJoin('document_stages', 'document_stages.id', 'documents.stage_id').select('document_stages.phase').where('documents.id', '=', documentId).executeTakeFirst())?.phase;

/** The history entries of a job that could not run: the first wait (noted once), and a refusal for good. */
const failureEvents = {
  publish: { delayed: 'publishDelayed', failed: 'publishFailed' },
  cancel: { delayed: 'unpublishDelayed', failed: 'unpublishFailed' },
} as const;

/**
 * Uploads each queued document's file (resumably) and publishes it, one at a time. Its outcome is on the document:
 * a 'published' history entry with the server's answer, or, refused for good, 'publishFailed' with the reason. While
 * the server is away the job waits (the first such failure is noted once, 'publishDelayed', with its reason). A job
 * whose document was cancelled or expired first is not run (`withdrawPublish`, and checked again here); a cancel job
 * has the server cancel what it published, retried the same way: 'unpublished', or 'unpublishDelayed'/'unpublishFailed'.
 */
export function createPublisher(ctx: ServiceContext, options: PublisherOptions = {}): Publisher {
  const policy = options.policy ?? publishRetryPolicy;
  const random = options.random ?? Math.random;

  const due = () => ctx.db.selectFrom('publish_jobs').selectAll().where('status', '=', 'pending').where('next_attempt_at', '<=', nowIso(ctx)).orderBy('next_attempt_at').execute();

  /** Whether the document can still be signed: one cancelled or expired meanwhile is not published. */
  const stillOut = async (documentId: string): Promise<boolean> => {
    const phase = await phaseOf(ctx.db, documentId);
    return phase === 'companySigning' || phase === 'counterpartySigning';
  };

  const publish = async (job: Job, client: CompanyServerClient, token: string, at: () => string): Promise<void> => {
    const payload = await publishPayload(ctx, job.document_id);
    await uploadFile({
      client,
      token,
      bytes: await ctx.files.read(payload.fileSha256),
      sha256: payload.fileSha256,
      uploadId: job.upload_id,
      remember: async (uploadId) => {
        await ctx.db.updateTable('publish_jobs').set({ upload_id: uploadId, updated_at: at() }).where('document_id', '=', job.document_id).execute();
      },
    });
    // The upload can take a while: a document cancelled meanwhile is not published.
    if (!(await stillOut(job.document_id))) return stop(job, at);
    const answer = await client.call('POST', `${apiPrefix}/documents`, publishResponseSchema, payload);
    await ctx.db.transaction().execute(async (trx) => {
      const settled = await trx.updateTable('publish_jobs').set({ status: 'published', published_id: answer.publishedId, last_error: null, updated_at: at() }).where('document_id', '=', job.document_id).where('status', '=', 'pending').executeTakeFirst();
      if (settled.numUpdatedRows === 0n) {
        // Cancelled while the publish was on its way: what the server now has is cancelled there in turn.
        await trx.updateTable('publish_jobs').set({ status: 'published', published_id: answer.publishedId, updated_at: at() }).where('document_id', '=', job.document_id).execute();
        await withdrawPublish(trx, job.document_id, at(), { onServer: (await phaseOf(trx, job.document_id)) === 'cancelled' });
      }
      await appendDocumentEvent(trx, job.document_id, {
        at: at(),
        type: 'published',
        actor: client.link.serverName ?? client.link.url,
        details: {
          server: client.link.url,
          publishedId: answer.publishedId,
          links: String(answer.links.length),
          held: String(answer.links.filter((l) => l.message === 'held').length),
        },
      });
    });
    ctx.log.info('document published', { documentId: job.document_id, publishedId: answer.publishedId, links: answer.links.length });
  };

  /** A job whose document was cancelled or expired before it ran: nothing is sent, nothing is said on the document. */
  const stop = async (job: Job, at: () => string): Promise<void> => {
    await ctx.db.updateTable('publish_jobs').set({ status: 'cancelled', updated_at: at() }).where('document_id', '=', job.document_id).where('status', '=', 'pending').execute();
    ctx.log.info('publishing stopped: the document is no longer out for signing', { documentId: job.document_id });
  };

  /** The server cancels the document and revokes its links; the desktop's history notes it. */
  const cancelOnServer = async (job: Job, client: CompanyServerClient, at: () => string): Promise<void> => {
    const answer = await client.call('POST', `${apiPrefix}/documents/${encodeURIComponent(job.document_id)}/cancel`, publishResponseSchema);
    await ctx.db.transaction().execute(async (trx) => {
      await trx.updateTable('publish_jobs').set({ status: 'withdrawn', last_error: null, updated_at: at() }).where('document_id', '=', job.document_id).execute();
      await appendDocumentEvent(trx, job.document_id, { at: at(), type: 'unpublished', actor: client.link.serverName ?? client.link.url, details: { server: client.link.url, publishedId: answer.publishedId, state: answer.state } });
    });
    ctx.log.info('document cancelled on the server', { documentId: job.document_id, publishedId: answer.publishedId, state: answer.state });
  };

  const runOne = async (job: Job): Promise<void> => {
    const at = () => nowIso(ctx);
    try {
      if (job.kind === 'publish' && !(await stillOut(job.document_id))) {
        await stop(job, at);
      } else {
        const client = await companyServerClient(ctx);
        const token = await readToken(ctx, client.link);
        if (!token) throw new AppError('UNAUTHORIZED', 'companyServer.errors.tokenMissing');
        if (job.kind === 'cancel') await cancelOnServer(job, client, at);
        else await publish(job, client, token, at);
      }
    } catch (error) {
      const reason = reasonOf(error);
      const attempts = job.attempts + 1;
      const temporary = isTemporary(error) && attempts < policy.maxAttempts;
      ctx.log.warn(job.kind === 'cancel' ? 'cancelling on the server failed' : 'publishing failed', { documentId: job.document_id, attempt: attempts, temporary, reason: reason.messageKey });
      await ctx.db.transaction().execute(async (trx) => {
        await trx
          .updateTable('publish_jobs')
          .set({
            status: temporary ? 'pending' : 'failed',
            attempts,
            next_attempt_at: new Date(ctx.now().getTime() + retryDelayMs(policy, attempts, random)).toISOString(),
            last_error: JSON.stringify(reason),
            updated_at: at(),
          })
          .where('document_id', '=', job.document_id)
          .where('kind', '=', job.kind)
          .where('status', '=', 'pending')
          .execute();
        if (!temporary || attempts === 1) await appendDocumentEvent(trx, job.document_id, { at: at(), type: failureEvents[job.kind][temporary ? 'delayed' : 'failed'], actor: 'Signet', details: eventReason(reason) });
      });
    }
    ctx.events.publish({ type: 'documentsChanged', ids: [job.document_id] });
  };

  const publishDue = async (stopping: () => boolean): Promise<number> => {
    let tried = 0;
    for (const job of await due()) {
      if (stopping()) break;
      tried++;
      await runOne(job);
    }
    return tried;
  };

  // Any event of this process wakes the loop: a send publishes documentsChanged after writing its job.
  const loop = createDueLoop(ctx, {
    runDue: publishDue,
    nextDueAt: async () => (await ctx.db.selectFrom('publish_jobs').select((eb) => eb.fn.min('next_attempt_at').as('at')).where('status', '=', 'pending').executeTakeFirst())?.at,
    failureMessage: 'publisher: loop failed, retrying',
    idleMs: options.idleMs ?? 60_000,
  });

  return { runDue: loop.runDue, start: async () => loop.start(), stop: loop.stop };
}

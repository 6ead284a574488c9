import type { Kysely, Selectable } from 'kysely';
import { apiPrefix } from '../../../src-shared/company-server/api';
import { publishResponseSchema } from '../../../src-shared/company-server/publish';
import { AppError } from '../../../src-shared/contract/errors';
import type { Database, PublishJobTable } from '../../store/schema';
import { nowIso, type ServiceContext } from '../context';
import { appendDocumentEvent } from '../documents/events';
import { companyServerClient, type CompanyServerClient } from './client';
import { readToken } from './link-store';
import { stageRef } from '../../sync/records/stage-record';
import { publishPayload } from './publish-payload';
import { uploadFile } from './publish-upload';
import { createServerJobs, type ServerJobOptions, type ServerJobs } from './server-jobs';

/**
 * In the send's transaction: the document will be published, whatever happens to this process meanwhile, and its
 * automation is the server's from here on (issue 9): what happens to it next — here, on the portal, on another
 * desktop — is followed there, once, even while this desktop is off. The stage it is in now is where the server
 * takes over; the send's own entry into it was followed here.
 */
export async function queuePublish(trx: Kysely<Database>, documentId: string, at: string): Promise<void> {
  const doc = await trx.selectFrom('documents').select('stage_id').where('id', '=', documentId).executeTakeFirstOrThrow();
  await trx
    .insertInto('publish_jobs')
    .values({ document_id: documentId, status: 'pending', next_attempt_at: at, upload_id: null, last_error: null, published_id: null, created_at: at, updated_at: at, automation: 'server', automation_stage: await stageRef(trx, doc.stage_id) })
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

/** Publishes as jobs come due (server-jobs.ts). */
export type Publisher = ServerJobs;
export type PublisherOptions = ServerJobOptions;

type Job = Selectable<PublishJobTable>;

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
  /** Whether the document can still be signed: one cancelled or expired meanwhile is not published. */
  const stillOut = async (documentId: string): Promise<boolean> => {
    const phase = await phaseOf(ctx.db, documentId);
    return phase === 'companySigning' || phase === 'counterpartySigning';
  };

  const publish = async (job: Job, client: CompanyServerClient, token: string, at: () => string): Promise<void> => {
    const holding = (await ctx.db.selectFrom('automation_condition_states').select('trigger_id').where('document_id', '=', job.document_id).where('holds', '=', 1).limit(500).execute()).map((r) => r.trigger_id);
    const handover = job.automation === 'server' && job.automation_stage ? { automation: { stage: job.automation_stage, since: job.created_at, ...(holding.length ? { holding } : {}) } } : {};
    const payload = { ...(await publishPayload(ctx, job.document_id)), ...handover };
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
      if (job.automation === 'server' && answer.automation !== 'server') {
        // A server that does not run automation (an older one): this desktop goes on running the document's.
        await trx.updateTable('publish_jobs').set({ automation: null }).where('document_id', '=', job.document_id).execute();
        ctx.log.warn('the company server does not run automation: this desktop keeps running it for the document', { documentId: job.document_id });
      }
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

  const run = async (job: Job, at: () => string): Promise<void> => {
    if (job.kind === 'publish' && !(await stillOut(job.document_id))) return stop(job, at);
    const client = await companyServerClient(ctx);
    const token = await readToken(ctx, client.link);
    if (!token) throw new AppError('UNAUTHORIZED', 'companyServer.errors.tokenMissing');
    if (job.kind === 'cancel') await cancelOnServer(job, client, at);
    else await publish(job, client, token, at);
  };

  // Any event of this process wakes the loop: a send publishes documentsChanged after writing its job.
  return createServerJobs(
    ctx,
    {
      due: () => ctx.db.selectFrom('publish_jobs').selectAll().where('status', '=', 'pending').where('next_attempt_at', '<=', nowIso(ctx)).orderBy('next_attempt_at').execute(),
      nextDueAt: async () => (await ctx.db.selectFrom('publish_jobs').select((eb) => eb.fn.min('next_attempt_at').as('at')).where('status', '=', 'pending').executeTakeFirst())?.at,
      run,
      retry: async (trx, job, columns) => {
        await trx.updateTable('publish_jobs').set(columns).where('document_id', '=', job.document_id).where('kind', '=', job.kind).where('status', '=', 'pending').execute();
      },
      failureEvent: (job, temporary) => ({ type: failureEvents[job.kind][temporary ? 'delayed' : 'failed'] }),
      failureLog: (job) => (job.kind === 'cancel' ? 'cancelling on the server failed' : 'publishing failed'),
      loopFailure: 'publisher: loop failed, retrying',
    },
    options,
  );
}

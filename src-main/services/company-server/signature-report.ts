import type { Kysely, Selectable } from 'kysely';
import { desktopSignatureAnswerSchema, desktopSignaturePath, type DesktopSignature } from '../../../src-shared/company-server/events';
import type { Database, ServerSignatureJobTable } from '../../store/schema';
import { nowIso, type ServiceContext } from '../context';
import { companyServerClient } from './client';
import { createServerJobs, type ServerJobOptions, type ServerJobs } from './server-jobs';

/*
 * A signature made on this desktop (the company signer in the app, a counterparty signing in person) on a document
 * published to the company server is reported there (issue 6, items 3 and 4): the server holds the counterparty's
 * link until the company side has signed, and after the last signature it composes and seals, since only it has
 * every signature (those made on the portal never reach this desktop's files). The report is a job written with the
 * signature, so it is made across restarts and a server that is down for a day, and it runs only once its
 * document's publish has: a signature made while the publish is still queued waits for it.
 */

/**
 * Whether the company server, not this desktop, seals the document: it was published there or is on its way (a
 * publish job pending). Once published it stays so, even if this desktop was unpaired since: the portal signers'
 * images and values are on the server only, so a seal made here would be refused by the field check or, without
 * required fields, be a signed PDF missing a signature that was made. The server seals a document whose last
 * signature it has and mails every party the sealed PDF whether or not this desktop still follows it; one whose last
 * signature was made here after unpairing cannot be reported, and its history says so (signatureReportFailed).
 * A publish that failed for good or was stopped leaves the document to this desktop, which seals it as before.
 */
export async function sealedByServer(db: Kysely<Database>, documentId: string): Promise<boolean> {
  const job = await db.selectFrom('publish_jobs').select('status').where('document_id', '=', documentId).where('kind', '=', 'publish').where('status', 'in', ['pending', 'published']).executeTakeFirst();
  return job !== undefined;
}

/**
 * In the signature's transaction: when the server seals the document (`sealedByServer`), the job that reports this
 * signer's signature there; whether it wrote one. A second report of the same signer is the first one.
 */
export async function queueSignatureReport(trx: Kysely<Database>, documentId: string, signerId: number, at: string): Promise<boolean> {
  if (!(await sealedByServer(trx, documentId))) return false;
  await trx
    .insertInto('server_signature_jobs')
    .values({ document_id: documentId, signer_id: signerId, status: 'pending', next_attempt_at: at, last_error: null, created_at: at, updated_at: at })
    .onConflict((oc) => oc.columns(['document_id', 'signer_id']).doNothing())
    .execute();
  return true;
}

type Job = Selectable<ServerSignatureJobTable> & { published_id: string };

/** What the server keeps of the signature for the seal: how and when, the image, and the values the signer's fields got. */
async function reportOf(ctx: ServiceContext, signerId: number): Promise<DesktopSignature> {
  const signer = await ctx.db.selectFrom('document_signers').select(['signed_at', 'signature_method', 'identity_check', 'signature_sha256']).where('id', '=', signerId).executeTakeFirstOrThrow();
  if (!signer.signed_at || !signer.signature_method || !signer.identity_check || !signer.signature_sha256) throw new Error(`signer ${signerId} has no signature to report`);
  const values = await ctx.db.selectFrom('signer_values').select(['field_id', 'value']).where('signer_id', '=', signerId).execute();
  return {
    signedAt: signer.signed_at,
    method: signer.signature_method as DesktopSignature['method'],
    identityCheck: signer.identity_check as DesktopSignature['identityCheck'],
    image: Buffer.from(await ctx.files.read(signer.signature_sha256)).toString('base64'),
    values: Object.fromEntries(values.map((v) => [v.field_id, JSON.parse(v.value) as string | number | boolean])),
  };
}

export type SignatureReporter = ServerJobs;

/**
 * Reports each signature as its job comes due, in the order the signatures were made: a document's report waits for
 * its publish and for the reports of the signatures made before it (the server checks whose turn it is). The
 * outcome of a job that cannot go is on the document, as a publish's is: the first wait noted once
 * (signatureReportDelayed), a refusal for good (signatureReportFailed), each with its reason and the signer.
 */
export function createSignatureReporter(ctx: ServiceContext, options: ServerJobOptions = {}): SignatureReporter {
  /** The pending jobs that may run: their document published (not cancelled since), no earlier report of it pending. */
  const runnable = () =>
    ctx.db
      .selectFrom('server_signature_jobs as j')
      .innerJoin('publish_jobs as p', 'p.document_id', 'j.document_id')
      .where('j.status', '=', 'pending')
      .where('p.kind', '=', 'publish')
      .where('p.status', '=', 'published')
      .where('p.published_id', 'is not', null)
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('server_signature_jobs as e').select('e.id').whereRef('e.document_id', '=', 'j.document_id').whereRef('e.id', '<', 'j.id').where('e.status', '=', 'pending'))),
      );

  const run = async (job: Job, at: () => string): Promise<void> => {
    const client = await companyServerClient(ctx);
    const answer = await client.call('POST', desktopSignaturePath(job.published_id, String(job.signer_id)), desktopSignatureAnswerSchema, await reportOf(ctx, job.signer_id));
    await ctx.db.updateTable('server_signature_jobs').set({ status: 'done', last_error: null, updated_at: at() }).where('id', '=', job.id).where('status', '=', 'pending').execute();
    ctx.log.info('signature reported to the company server', { documentId: job.document_id, signerId: job.signer_id, released: answer.released, last: answer.last });
  };

  // Any event of this process wakes the loop: a signature, and a publish settling, publish documentsChanged.
  return createServerJobs(
    ctx,
    {
      due: () => runnable().selectAll('j').select('p.published_id').$narrowType<{ published_id: string }>().where('j.next_attempt_at', '<=', nowIso(ctx)).orderBy('j.id').execute(),
      nextDueAt: async () => (await runnable().select((eb) => eb.fn.min('j.next_attempt_at').as('at')).executeTakeFirst())?.at,
      run,
      retry: async (trx, job, columns) => {
        await trx.updateTable('server_signature_jobs').set(columns).where('id', '=', job.id).where('status', '=', 'pending').execute();
      },
      failureEvent: (job, temporary) => ({ type: temporary ? 'signatureReportDelayed' : 'signatureReportFailed', details: { signer: String(job.signer_id) } }),
      failureLog: () => 'reporting a signature to the company server failed',
      loopFailure: 'signature reports: loop failed, retrying',
    },
    options,
  );
}

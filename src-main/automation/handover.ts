import type { Kysely } from 'kysely';
import type { Database } from '../store/schema';

/**
 * Whether the company server runs this document's automation (issue 9): handed over at the send (queuePublish), for
 * as long as it is out there — a publish that failed, one withdrawn, and a document back in Draft (to be sent anew)
 * are this desktop's again.
 */
export async function automatedByServer(db: Kysely<Database>, documentId: string): Promise<boolean> {
  const job = await db
    .selectFrom('publish_jobs as p')
    .innerJoin('documents as d', 'd.id', 'p.document_id')
    .innerJoin('document_stages as s', 's.id', 'd.stage_id')
    .select(['p.automation', 's.phase'])
    .where('p.document_id', '=', documentId)
    .where('p.kind', '=', 'publish')
    .where('p.status', 'in', ['pending', 'published'])
    .executeTakeFirst();
  return job?.automation === 'server' && job.phase !== 'draft';
}

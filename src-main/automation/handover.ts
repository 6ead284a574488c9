import type { Kysely } from 'kysely';
import type { Database } from '../store/schema';

/**
 * Whether the company server runs this document's automation (issue 9): handed over at the send (queuePublish), for
 * as long as it is out there — a publish that failed, or one withdrawn, hands it back to this desktop.
 */
export async function automatedByServer(db: Kysely<Database>, documentId: string): Promise<boolean> {
  const job = await db.selectFrom('publish_jobs').select('automation').where('document_id', '=', documentId).where('kind', '=', 'publish').where('status', 'in', ['pending', 'published']).executeTakeFirst();
  return job?.automation === 'server';
}

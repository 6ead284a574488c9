import { sql, type Kysely } from 'kysely';
import type { ServerEvent, ServerEventType } from '../../src-shared/company-server/events';
import { isPostgres } from '../store/dialect';
import { feedChannel, localFeedWake, type FeedWake } from '../store/feed-wake';
import type { ServerDatabase } from '../store/schema';
import { followFeedEntry } from '../automation/server-follow';

/** One step on a published document, in the server's own ids (the feed answers in the desktop's). */
export interface FeedEntry {
  /** The published document's id. */
  documentId: string;
  /** The published signer's id; none for the document's own steps (sealed, expired, cancelled). */
  signerId: string | null;
  type: ServerEventType;
  at: string;
  details?: ServerEvent['details'];
}

/**
 * Adds a step to the feed of the device that published the document, in the caller's transaction, and writes what
 * the step makes the server's automation do in that same transaction (a crash keeps both or neither).
 */
export async function appendFeed(db: Kysely<ServerDatabase>, entry: FeedEntry): Promise<void> {
  const doc = await db.selectFrom('published_documents').select('device_id').where('id', '=', entry.documentId).executeTakeFirstOrThrow();
  const { seq } = await db
    .insertInto('document_feed')
    .values({ device_id: doc.device_id, document_id: entry.documentId, signer_id: entry.signerId, type: entry.type, at: entry.at, details: JSON.stringify(entry.details ?? {}) })
    .returning('seq')
    .executeTakeFirstOrThrow();
  await followFeedEntry(db, { ...entry, seq });
  await wakeFeedReaders(db);
}

/**
 * Wakes what waits on the feed (its live channels, the automation workers) from within a transaction: on PostgreSQL
 * the notice goes out at commit, to every instance's LISTEN connection (feed-listener.ts); a local wake before the
 * commit would send this process's readers to look before the row is visible to them.
 */
export async function wakeFeedReaders(db: Kysely<ServerDatabase>): Promise<void> {
  if (isPostgres(db)) await sql`select pg_notify(${feedChannel}, '')`.execute(db);
  else localFeedWake.wake();
}

/** Resolves at the next append (`wake`: the store's feedWake), or after `ms`, or when `abort` fires: whichever is first. */
export function waitForFeed(ms: number, abort?: AbortSignal, wake: FeedWake = localFeedWake): Promise<void> {
  return wake.wait(ms, abort);
}

/** A device's feed after `after`, oldest first, named in that desktop's own document and signer ids. */
export async function readFeed(db: Kysely<ServerDatabase>, deviceId: string, after: number, limit = 500): Promise<ServerEvent[]> {
  const rows = await db
    .selectFrom('document_feed as f')
    .innerJoin('published_documents as d', 'd.id', 'f.document_id')
    .leftJoin('published_signers as s', 's.id', 'f.signer_id')
    .select(['f.seq', 'f.type', 'f.at', 'f.details', 'd.id as publishedId', 'd.desktop_document_id', 's.desktop_signer_id'])
    .where('f.device_id', '=', deviceId)
    .where('f.seq', '>', after)
    .orderBy('f.seq')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    seq: r.seq,
    type: r.type as ServerEventType,
    documentId: r.desktop_document_id,
    publishedId: r.publishedId,
    signerId: r.desktop_signer_id,
    at: r.at,
    details: JSON.parse(r.details) as ServerEvent['details'],
  }));
}

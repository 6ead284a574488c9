import { EventEmitter } from 'node:events';
import type { Kysely } from 'kysely';
import type { ServerEvent, ServerEventType } from '../../src-shared/company-server/events';
import type { ServerDatabase } from '../store/schema';

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

/*
 * Wakes the live channels when a row is added. Process-wide, which is right for one server process; several behind a
 * load balancer need the database to carry it (issue 7: PostgreSQL LISTEN/NOTIFY). Waking early is harmless: the
 * store's one connection runs a reader's query only after the writer's transaction ends, so it sees the row or, if
 * that transaction rolled back, nothing, and waits again.
 */
const signal = new EventEmitter();
signal.setMaxListeners(0);

/** Adds a step to the feed of the device that published the document, in the caller's transaction. */
export async function appendFeed(db: Kysely<ServerDatabase>, entry: FeedEntry): Promise<void> {
  const doc = await db.selectFrom('published_documents').select('device_id').where('id', '=', entry.documentId).executeTakeFirstOrThrow();
  await db
    .insertInto('document_feed')
    .values({ device_id: doc.device_id, document_id: entry.documentId, signer_id: entry.signerId, type: entry.type, at: entry.at, details: JSON.stringify(entry.details ?? {}) })
    .execute();
  signal.emit('appended');
}

/** Resolves at the next append anywhere, or after `ms`, or when `abort` fires: whichever is first. */
export function waitForFeed(ms: number, abort?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.off('appended', done);
      abort?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.once('appended', done);
    abort?.addEventListener('abort', done, { once: true });
  });
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

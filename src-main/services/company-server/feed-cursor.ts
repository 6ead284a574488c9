import type { Kysely } from 'kysely';
import { z } from 'zod';
import { serverEventSchema, type ServerEvent } from '../../../src-shared/company-server/events';
import type { Database } from '../../store/schema';

const settingsKey = 'companyServer.feed';

/**
 * Where this desktop stands in the server's feed, one settings row written in the same transaction as each event's
 * effects: the last number applied, and the sealed documents whose file could not be fetched or checked yet.
 *
 * Those wait here rather than holding the cursor back: one document whose seal does not verify must not stop every
 * other document's steps from arriving. They are few (one per document waiting for its seal) and written with the
 * cursor in one row, so a crash loses or doubles neither; a table of their own would need a migration for a list that
 * is nearly always empty. The row names the device it belongs to: paired again, the new device's feed starts afresh.
 */
const pendingSchema = z.object({
  event: serverEventSchema,
  attempts: z.number().int().min(1),
  nextAt: z.string(),
  /** The message key of the last reason written into the history (a retry failing the same way is not written again). */
  noted: z.string(),
});
export type PendingSeal = z.output<typeof pendingSchema>;

const cursorSchema = z.object({ deviceId: z.string(), after: z.number().int().min(0), pending: z.array(pendingSchema).default([]) });
export type FeedCursor = z.output<typeof cursorSchema>;

export async function readCursor(db: Kysely<Database>, deviceId: string): Promise<FeedCursor> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', settingsKey).executeTakeFirst();
  const parsed = row ? cursorSchema.safeParse(JSON.parse(row.value)) : undefined;
  return parsed?.success && parsed.data.deviceId === deviceId ? parsed.data : { deviceId, after: 0, pending: [] };
}

export async function writeCursor(db: Kysely<Database>, cursor: FeedCursor): Promise<void> {
  const value = JSON.stringify(cursor);
  await db
    .insertInto('settings')
    .values({ key: settingsKey, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}

/** The cursor past `event`, never back: a retried seal is older than where the feed has got to. */
export function advanced(cursor: FeedCursor, event: Pick<ServerEvent, 'seq'>): FeedCursor {
  return { ...cursor, after: Math.max(cursor.after, event.seq) };
}

/** Without `event`'s entry among those waiting (applied, or no longer applicable). */
export function withoutPending(cursor: FeedCursor, seq: number): FeedCursor {
  return { ...cursor, pending: cursor.pending.filter((p) => p.event.seq !== seq) };
}

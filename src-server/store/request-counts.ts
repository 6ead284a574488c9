import { sql, type Kysely } from 'kysely';
import type { ServerDatabase } from './schema';

export interface RequestCountTable {
  key: string;
  window_end: number;
  count: number;
}

/** One key's window after counting a request: how many so far, and when the window ends (epoch ms). */
export interface CountedWindow {
  count: number;
  windowEnd: number;
}

let calls = 0;

/**
 * Counts one request under `key` in its fixed window, in one statement, so instances counting at once each see
 * their own total: a window that has ended starts again at 1. Every thousandth call also drops ended windows (a
 * guessed token makes a key of its own).
 */
export async function countRequest(db: Kysely<ServerDatabase>, key: string, windowMs: number, now: number): Promise<CountedWindow> {
  const end = now + windowMs;
  const row = await db
    .insertInto('request_counts')
    .values({ key, window_end: end, count: 1 })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        count: sql<number>`case when request_counts.window_end <= ${now} then 1 else request_counts.count + 1 end`,
        window_end: sql<number>`case when request_counts.window_end <= ${now} then ${end} else request_counts.window_end end`,
      }),
    )
    .returning(['count', 'window_end'])
    .executeTakeFirstOrThrow();
  if (++calls % 1000 === 0) await db.deleteFrom('request_counts').where('window_end', '<=', now).execute();
  return { count: Number(row.count), windowEnd: Number(row.window_end) };
}

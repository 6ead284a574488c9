import type { Kysely } from 'kysely';
import { isPostgres } from '../store/dialect';
import { countRequest } from '../store/request-counts';
import type { ServerDatabase } from '../store/schema';
import { ApiError } from './api-error';

/**
 * A second limit on a route that @fastify/rate-limit already limits per address: the plugin runs one limit per
 * request (the first marks the request as counted), so the per-link count of the portal is this small fixed window,
 * kept in real time as the plugin's is. Keys are the caller's (a token's hash, never the token). In memory for the
 * one SQLite process; on PostgreSQL in the database (request-counts.ts), so instances behind a load balancer count
 * together.
 */
export function keyLimit(limit: { max: number; windowMs: number }, clock: () => number = Date.now, db?: Kysely<ServerDatabase>): (key: string) => Promise<void> {
  const refuse = (count: number, windowEnd: number, now: number) => {
    if (count > limit.max) throw new ApiError('RATE_LIMITED', { retryAfterSeconds: Math.max(1, Math.ceil((windowEnd - now) / 1000)) });
  };
  if (db && isPostgres(db)) {
    return async (key) => {
      const now = clock();
      const window = await countRequest(db, `link ${key}`, limit.windowMs, now);
      refuse(window.count, window.windowEnd, now);
    };
  }
  const windows = new Map<string, { count: number; resetAt: number }>();
  return async (key) => {
    const now = clock();
    // Guessed tokens each make a key: old windows are dropped before the map can grow without bound.
    if (windows.size >= 10_000) for (const [k, w] of windows) if (w.resetAt <= now) windows.delete(k);
    let window = windows.get(key);
    if (!window || window.resetAt <= now) windows.set(key, (window = { count: 0, resetAt: now + limit.windowMs }));
    window.count++;
    refuse(window.count, window.resetAt, now);
  };
}

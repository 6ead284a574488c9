import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { Kysely } from 'kysely';
import { countRequest } from '../store/request-counts';
import type { ServerDatabase } from '../store/schema';

/**
 * @fastify/rate-limit's store in the database (request-counts.ts), for instances on one PostgreSQL: an address's
 * requests are counted together whichever instance they reach. One window per route and address, as the plugin's
 * own in-memory store keeps one per route.
 */
export function databaseRateStore(db: Kysely<ServerDatabase>, clock: () => number = Date.now): FastifyRateLimitStoreCtor {
  class DatabaseRateStore implements FastifyRateLimitStore {
    private readonly prefix: string;
    constructor(scope?: unknown) {
      this.prefix = typeof scope === 'string' ? scope : 'global';
    }
    incr(key: string, callback: (error: Error | null, result?: { current: number; ttl: number }) => void, timeWindow: number): void {
      const now = clock();
      countRequest(db, `${this.prefix} ${key}`, timeWindow, now).then(
        (window) => callback(null, { current: window.count, ttl: Math.max(0, window.windowEnd - now) }),
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    }
    // The plugin hands each limited route its merged options (typed as the route's), the route itself under routeInfo.
    child(params: object): FastifyRateLimitStore {
      const route = (params as { routeInfo?: { method?: string | string[]; url?: string } }).routeInfo ?? {};
      return new DatabaseRateStore(`${String(route.method ?? '')} ${route.url ?? ''}`);
    }
  }
  return DatabaseRateStore as unknown as FastifyRateLimitStoreCtor;
}

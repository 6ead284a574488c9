import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { isPostgres } from '../store/dialect';
import type { ServerDatabase } from '../store/schema';
import { ApiError } from './api-error';
import { databaseRateStore } from './shared-rate-limit';

/**
 * Per-address request limits (@fastify/rate-limit), off unless a route asks with `config.rateLimit`: the public routes
 * of the portal do, the paired desktops' API does not. The address is the one Fastify believes (`trustProxy`), so
 * behind a reverse proxy each visitor is counted, not the proxy. A refusal is the API's usual error body. On
 * PostgreSQL the counts are in the database, shared by every instance (shared-rate-limit.ts); on SQLite in memory.
 */
export async function registerRateLimit(app: FastifyInstance, db: Kysely<ServerDatabase>): Promise<void> {
  await app.register(rateLimit, {
    global: false,
    ...(isPostgres(db) ? { store: databaseRateStore(db) } : {}),
    errorResponseBuilder: (_request, context) => new ApiError('RATE_LIMITED', { retryAfterSeconds: Math.max(1, Math.ceil(context.ttl / 1000)) }),
  });
}

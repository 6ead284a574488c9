import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { ApiError } from './api-error';

/**
 * Per-address request limits (@fastify/rate-limit), off unless a route asks with `config.rateLimit`: the public routes
 * of the portal do, the paired desktops' API does not. The address is the one Fastify believes (`trustProxy`), so
 * behind a reverse proxy each visitor is counted, not the proxy. A refusal is the API's usual error body.
 */
export async function registerRateLimit(app: FastifyInstance): Promise<void> {
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) => new ApiError('RATE_LIMITED', { retryAfterSeconds: Math.max(1, Math.ceil(context.ttl / 1000)) }),
  });
}

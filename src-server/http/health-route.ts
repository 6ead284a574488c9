import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { serverServiceName, type Health } from '../../src-shared/company-server/api';
import type { ServerStore } from '../store/open-server-store';

/** For the reverse proxy and monitoring: 200 while the store answers a query, 503 otherwise. No secrets, no counts. */
export function registerHealthRoute(app: FastifyInstance, store: ServerStore, version: string): void {
  app.get('/healthz', async (request, reply) => {
    try {
      await sql`select 1`.execute(store.db);
      return { service: serverServiceName, status: 'ok', version } satisfies Health;
    } catch (error) {
      request.log.warn({ err: error }, 'health check: store unreachable');
      return reply.code(503).send({ service: serverServiceName, status: 'unavailable', version } satisfies Health);
    }
  });
}

import type { FastifyInstance } from 'fastify';

/** The API answers JSON only: nothing in it may load, run, frame or be framed. The portal's pages widen this per route. */
export const apiCsp = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

declare module 'fastify' {
  interface FastifyContextConfig {
    /** A Content-Security-Policy for this route's pages instead of the API's (the signing portal, later). */
    csp?: string;
  }
}

/**
 * Headers on every answer, errors and unknown paths included (onSend runs for all of them). HSTS only where the request
 * came over https (directly, or as the reverse proxy says when `trustProxy` is set): sent over plain http it would be
 * ignored, and on a loopback test server meaningless.
 */
export function registerSecurityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply) => {
    reply.header('content-security-policy', request.routeOptions.config.csp ?? apiCsp);
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-frame-options', 'DENY');
    reply.header('cross-origin-resource-policy', 'same-origin');
    reply.header('x-request-id', request.id);
    if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    if (request.protocol === 'https') reply.header('strict-transport-security', 'max-age=31536000');
  });
}

import type { FastifyRequest } from 'fastify';
import { portalSessionCookie } from '../../src-shared/portal/signing-link';
import type { Client } from '../portal-api/portal-context';

/*
 * What the portal's routes read from a request (src-server/http/portal-link-routes.ts, portal-session-routes.ts): the
 * limit a public route runs under, who is asking (evidence), and the signing session's cookie.
 */

/** A portal route's config: public (no device token), limited per client address. */
export const perIp = (limit: { max: number; windowMs: number }) => ({ public: true, rateLimit: { max: limit.max, timeWindow: limit.windowMs } });

export function clientOf(request: FastifyRequest): Client {
  const agent = request.headers['user-agent'];
  return { ip: request.ip, userAgent: typeof agent === 'string' && agent.length > 0 ? agent.slice(0, 512) : null };
}

/** The Secure flag everywhere but plain http on the server's own loopback address, which a browser would otherwise refuse. */
export function cookieIsSecure(request: FastifyRequest): boolean {
  if (request.protocol === 'https') return true;
  const host = new URL(`http://${request.host}`).hostname;
  return !['127.0.0.1', '[::1]', 'localhost'].includes(host);
}

export function sessionCookieOf(request: FastifyRequest): string | undefined {
  const header = request.headers.cookie ?? '';
  for (const part of header.split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === portalSessionCookie) return value.join('=');
  }
  return undefined;
}

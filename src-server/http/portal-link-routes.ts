import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { portalRateLimits, type PortalLink } from '../../src-shared/portal/signing-link';
import { sha256Hex } from '../pairing/secrets';
import { recordEvent } from '../portal-api/evidence';
import { findLink, linkView } from '../portal-api/links';
import type { Client, PortalContext } from '../portal-api/portal-context';
import { parseBody } from './error-handler';
import { keyLimit } from './key-limit';

const tokenParams = z.object({ token: z.string().max(256) });
const perIp = (limit: { max: number; windowMs: number }) => ({ public: true, rateLimit: { max: limit.max, timeWindow: limit.windowMs } });

function clientOf(request: FastifyRequest): Client {
  const agent = request.headers['user-agent'];
  return { ip: request.ip, userAgent: typeof agent === 'string' && agent.length > 0 ? agent.slice(0, 512) : null };
}

/**
 * The portal's signing-link API (issue 6, items 4 and 7), public (no device token) and rate limited per address:
 * open a link (what it shows before the code, or its closed state). No document bytes here. Opening is also limited
 * per link, keyed by the token's hash, never the token.
 */
export async function registerPortalLinkRoutes(api: FastifyInstance, ctx: PortalContext): Promise<void> {
  const perLink = keyLimit(portalRateLimits.openPerLink);

  api.get('/portal/links/:token', { config: perIp(portalRateLimits.openPerIp) }, async (request, reply): Promise<PortalLink> => {
    reply.header('cache-control', 'no-store');
    const { token } = parseBody(tokenParams, request.params);
    perLink(sha256Hex(token));
    const found = await findLink(ctx, token);
    const view = await linkView(ctx, found);
    if (found.state === 'open') await recordEvent(ctx.db, found.link, 'viewed', clientOf(request), ctx.now());
    return view;
  });
}

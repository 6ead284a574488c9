import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { apiPrefix } from '../../src-shared/company-server/api';
import { codeCheckRequestSchema, portalDocumentPath, portalRateLimits, portalSessionCookie, portalSessionCookiePath, portalSessionMs, type CodePassed, type CodeSent, type PortalLink } from '../../src-shared/portal/signing-link';
import { sha256Hex } from '../pairing/secrets';
import { passCode, sendCode } from '../portal-api/codes';
import { recordEvent } from '../portal-api/evidence';
import { findLink, linkView, type OpenLink } from '../portal-api/links';
import type { PortalContext } from '../portal-api/portal-context';
import { openSession } from '../portal-api/sessions';
import { closedState, sessionSigner } from '../signing/session-signer';
import { withSealedOffer } from '../sealing/sealed-offer';
import { ApiError } from './api-error';
import { parseBody } from './error-handler';
import { keyLimit } from './key-limit';
import { clientOf, cookieIsSecure, perIp, sessionCookieOf } from './portal-request';

const tokenParams = z.object({ token: z.string().max(256) });
/**
 * The portal's signing-link API (issue 6, items 4 and 7), public (no device token) and rate limited per address:
 * open a link (what it shows before the code, or its closed state), ask for the identity code, check it for a signing
 * session (an HttpOnly cookie bound to the link), and read the document with that session. No document bytes without
 * a usable link and a passed code. Opening is also limited per link, keyed by the token's hash, never the token.
 */
export async function registerPortalLinkRoutes(api: FastifyInstance, ctx: PortalContext): Promise<void> {
  const perLink = keyLimit(portalRateLimits.openPerLink, Date.now, ctx.db);

  const openLinkOf = async (request: FastifyRequest): Promise<OpenLink> => {
    const found = await findLink(ctx, parseBody(tokenParams, request.params).token);
    if (found.state !== 'open') throw new ApiError('LINK_CLOSED', { values: { state: found.state } });
    return found.link;
  };

  api.get('/portal/links/:token', { config: perIp(portalRateLimits.openPerIp) }, async (request, reply): Promise<PortalLink> => {
    reply.header('cache-control', 'no-store');
    const { token } = parseBody(tokenParams, request.params);
    await perLink(sha256Hex(token));
    const found = await findLink(ctx, token);
    const view = await withSealedOffer(ctx, token, await linkView(ctx, found));
    if (found.state === 'open') await recordEvent(ctx.db, found.link, 'viewed', clientOf(request), ctx.now());
    return view;
  });

  api.post('/portal/links/:token/code', { config: perIp(portalRateLimits.codePerIp) }, async (request, reply): Promise<CodeSent> => {
    reply.header('cache-control', 'no-store');
    return sendCode(ctx, await openLinkOf(request), clientOf(request));
  });

  api.post('/portal/links/:token/code/check', { config: perIp(portalRateLimits.checkPerIp) }, async (request, reply): Promise<CodePassed> => {
    reply.header('cache-control', 'no-store');
    const link = await openLinkOf(request);
    const { code } = parseBody(codeCheckRequestSchema, request.body);
    await passCode(ctx, link, code, clientOf(request));
    const session = await openSession(ctx, link.linkId);
    const secure = cookieIsSecure(request) ? '; Secure' : '';
    reply.header('set-cookie', `${portalSessionCookie}=${session.token}; Path=${portalSessionCookiePath}; Max-Age=${portalSessionMs / 1000}; HttpOnly; SameSite=Strict${secure}`);
    return { sessionExpiresAt: session.expiresAt };
  });

  api.get(portalDocumentPath.slice(apiPrefix.length), { config: perIp(portalRateLimits.documentPerIp) }, async (request, reply: FastifyReply) => {
    const session = await sessionSigner(ctx, sessionCookieOf(request));
    // The session outlives nothing it is bound to: a document withdrawn, declined or past its date meanwhile is not served.
    if (closedState(session.doc, session.link.revoked, ctx.now())) throw new ApiError('SESSION_REQUIRED');
    const bytes = await ctx.files.files.read(session.doc.fileSha256);
    return reply
      .type('application/pdf')
      .header('content-length', String(bytes.byteLength))
      .header('cache-control', 'no-store')
      .header('content-disposition', 'inline; filename="document.pdf"')
      .send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  });
}

import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { apiPrefix } from '../../src-shared/company-server/api';
import { portalRateLimits } from '../../src-shared/portal/signing-link';
import { portalDeclinePath, portalDeclineRequestSchema, portalSignPath, portalSigningPath, portalSignRequestSchema, type PortalDeclined, type PortalSigned, type SigningSubject } from '../../src-shared/portal/signing-session';
import { declineOnPortal } from '../signing/portal-decline';
import { signOnPortal } from '../signing/portal-sign';
import { sessionSigner } from '../signing/session-signer';
import { tellAllSigned, type SigningContext } from '../signing/signing-context';
import { signingSubject } from '../signing/subject';
import { ApiError } from './api-error';
import { parseBody } from './error-handler';
import { clientOf, perIp, sessionCookieOf } from './portal-request';

/** A signature PNG (at most 2 MB, so under 3 MB as base64) and the signer's values: far above a drawn signature. */
const signBodyLimit = 4 * 1024 * 1024;

/**
 * A body checked as parseBody does, its first issue's words as the refusal's message (consent not given reads
 * "Confirm the consent statement to sign", not "the request could not be read"), every issue listed for the fields.
 */
function parseSigning<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  try {
    return parseBody(schema, body);
  } catch (error) {
    const first = error instanceof ApiError ? error.extra.issues?.[0] : undefined;
    if (first) throw new ApiError('BAD_REQUEST', { ...(error as ApiError).extra, messageKey: first.messageKey });
    throw error;
  }
}

/**
 * The portal's signing session (issue 6, item 4): with the cookie a passed code set, what this signer signs, the
 * signature, and the decline. Public (no device token) and limited per address; nothing without a valid session.
 */
export async function registerPortalSessionRoutes(api: FastifyInstance, ctx: SigningContext): Promise<void> {
  const session = (request: FastifyRequest) => sessionSigner(ctx, sessionCookieOf(request));

  api.get(portalSigningPath.slice(apiPrefix.length), { config: perIp(portalRateLimits.signingPerIp) }, async (request, reply): Promise<SigningSubject> => {
    reply.header('cache-control', 'no-store');
    return signingSubject(ctx, await session(request));
  });

  api.post(portalSignPath.slice(apiPrefix.length), { config: perIp(portalRateLimits.signPerIp), bodyLimit: signBodyLimit }, async (request, reply): Promise<PortalSigned> => {
    reply.header('cache-control', 'no-store');
    const signer = await session(request);
    const answer = await signOnPortal(ctx, signer, parseSigning(portalSignRequestSchema, request.body), clientOf(request));
    // Told again on a repeated submit after the last signature: harmless, the seal is made once whatever it is told.
    if (answer.last) tellAllSigned(ctx, signer.link.documentId, request.log);
    return answer;
  });

  api.post(portalDeclinePath.slice(apiPrefix.length), { config: perIp(portalRateLimits.declinePerIp) }, async (request, reply): Promise<PortalDeclined> => {
    reply.header('cache-control', 'no-store');
    const signer = await session(request);
    return declineOnPortal(ctx, signer, parseSigning(portalDeclineRequestSchema, request.body).reason, clientOf(request));
  });
}

import type { FastifyError, FastifyInstance } from 'fastify';
import { apiPrefix } from '../../src-shared/company-server/api';
import { AppError } from '../../src-shared/contract/errors';
import { publicVerifyContentType, publicVerifyMaxBytes, publicVerifyMaxMb, publicVerifyPath, type PublicVerifyResponse } from '../../src-shared/portal/verify';
import type { TrustAnchors } from '../../src-main/pdf/trust';
import { verifyPdf } from '../../src-main/pdf/verify';
import { ApiError } from './api-error';

export interface VerifyRouteOptions {
  /** Asked on each check, so anchors the server learns later (its seal identity) count from then on. */
  trustAnchors(): TrustAnchors;
  limit: { max: number; windowMs: number };
}

const tooLarge = () => new ApiError('PDF_TOO_LARGE', { values: { limitMb: publicVerifyMaxMb } });

/** The `{{name}}` values of a refusal's message: only plain ones, never an object that could carry more than it says. */
function messageValues(details: Record<string, unknown> | undefined): Record<string, string | number> | undefined {
  if (!details) return undefined;
  const values = Object.entries(details).filter((e): e is [string, string | number] => typeof e[1] === 'string' || typeof e[1] === 'number');
  return values.length > 0 ? Object.fromEntries(values) : undefined;
}

/**
 * `POST /api/v1/public/verify` (issue 6, item 6): anyone may send a PDF, as the body, and gets the report the desktop's
 * Verify shows, from the same `verifyPdf`. Nothing is stored or logged but the verdict and the size. The body limit is
 * checked against Content-Length before anything is read, and again while reading; the rate limit runs before either.
 */
export async function registerPublicVerifyRoute(api: FastifyInstance, options: VerifyRouteOptions): Promise<void> {
  await api.register(async (scope) => {
    scope.addContentTypeParser(publicVerifyContentType, { parseAs: 'buffer', bodyLimit: publicVerifyMaxBytes }, (_request, body, done) => done(null, body));
    // Fastify's own "body too large" would be the API's generic 413; here it is the PDF size refusal the page translates.
    scope.setErrorHandler((error: FastifyError) => {
      if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') throw tooLarge();
      throw error;
    });
    scope.post(
      publicVerifyPath.slice(apiPrefix.length),
      { bodyLimit: publicVerifyMaxBytes, config: { public: true, rateLimit: { max: options.limit.max, timeWindow: options.limit.windowMs } } },
      async (request): Promise<PublicVerifyResponse> => {
        if (!Buffer.isBuffer(request.body)) throw new ApiError('BAD_REQUEST');
        try {
          const report = await verifyPdf(request.body, options.trustAnchors());
          request.log.info({ verdict: report.verdict, size: report.fileSize }, 'public verification');
          return report;
        } catch (error) {
          // The desktop's refusals (not a PDF, damaged, encrypted…) with their own message and values.
          if (error instanceof AppError && error.code === 'PDF_REFUSED') {
            const values = messageValues(error.details);
            throw new ApiError('PDF_REFUSED', { messageKey: error.messageKey, ...(values ? { values } : {}) });
          }
          throw error;
        }
      },
    );
  });
}

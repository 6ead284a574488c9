import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import type { z } from 'zod';
import type { ApiErrorBody } from '../../src-shared/company-server/api';
import { toValidationIssues } from '../../src-shared/contract/validate';
import { translator } from '../../src-shared/i18n/translate';
import { ApiError } from './api-error';

const english = translator('en');

function send(reply: FastifyReply, error: ApiError, status = error.status): FastifyReply {
  const { issues, values } = error.extra;
  const body: ApiErrorBody = {
    error: { code: error.code, messageKey: error.messageKey, message: english(error.messageKey, values), ...(issues ? { issues } : {}), ...(values ? { values } : {}) },
  };
  if (error.code === 'UNAUTHENTICATED' || error.code === 'DEVICE_REVOKED') reply.header('www-authenticate', 'Bearer');
  if (error.extra.retryAfterSeconds) reply.header('retry-after', String(error.extra.retryAfterSeconds));
  return reply.code(status).send(body);
}

/** A request body checked against its shared schema; a mismatch answers 400 with each field's issue. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new ApiError('BAD_REQUEST', { issues: toValidationIssues(parsed.error) });
  return parsed.data;
}

/**
 * Every failure answers in one shape ({ error: { code, messageKey, message } }); Fastify's own 4xx (unreadable JSON,
 * wrong content type, body too large) keep their status as BAD_REQUEST, and anything unexpected is logged with the
 * request id and answered as INTERNAL without its details.
 */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof ApiError) return send(reply, error);
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) return send(reply, new ApiError('BAD_REQUEST'), status);
    request.log.error({ err: error }, 'request failed');
    return send(reply, new ApiError('INTERNAL'));
  });
  app.setNotFoundHandler((_request, reply) => send(reply, new ApiError('NOT_FOUND')));
}

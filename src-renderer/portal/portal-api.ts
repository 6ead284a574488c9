import type { z } from 'zod';
import { apiErrorSchema, type ApiErrorCode } from '../../src-shared/company-server/api';
import { AppError, type ErrorCode } from '../../src-shared/contract/errors';
import type { VerificationReport } from '../../src-shared/pdf/verification';
import { publicVerifyContentType, publicVerifyPath, publicVerifyResponseSchema } from '../../src-shared/portal/verify';

/*
 * The portal's client of its own server: plain fetch to the same origin (the CSP's connect-src 'self'), the request
 * and answer shapes from src-shared/portal, refusals in the API's one error body turned into the AppError the
 * renderer's components already translate (ErrorNotice), with the server's message key and values.
 */

const appCodes: Partial<Record<ApiErrorCode, ErrorCode>> = {
  PDF_REFUSED: 'PDF_REFUSED',
  PDF_TOO_LARGE: 'PDF_REFUSED',
  BAD_REQUEST: 'VALIDATION',
  NOT_FOUND: 'NOT_FOUND',
  UNAUTHENTICATED: 'UNAUTHORIZED',
};

async function send(path: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(path, { ...init, credentials: 'same-origin', cache: 'no-store' });
  } catch {
    throw new AppError('TRANSPORT', 'portal.errors.unreachable');
  }
}

async function answerOf<S extends z.ZodType>(response: Response, schema: S): Promise<z.output<S>> {
  const body: unknown = await response.json().catch(() => undefined);
  if (response.ok) {
    const parsed = schema.safeParse(body);
    if (parsed.success) return parsed.data;
    throw new AppError('TRANSPORT', 'portal.errors.badAnswer', { status: response.status });
  }
  const refusal = apiErrorSchema.safeParse(body);
  // Not the server's own refusal: a proxy in front of it answered (a 502 page, its own 413).
  if (!refusal.success) throw new AppError('TRANSPORT', 'portal.errors.badAnswer', { status: response.status });
  const { code, messageKey, values } = refusal.data.error;
  throw new AppError(appCodes[code] ?? 'TRANSPORT', messageKey, values);
}

export const portalApi = {
  /** `POST /api/v1/public/verify`: the PDF as it is, as the body; the desktop Verify's report back. */
  async verify(file: Blob): Promise<VerificationReport> {
    const response = await send(publicVerifyPath, { method: 'POST', headers: { 'content-type': publicVerifyContentType }, body: file });
    // The outline is checked; the rest is the server's verifyPdf report as VerificationReport types it.
    return (await answerOf(response, publicVerifyResponseSchema)) as unknown as VerificationReport;
  },
};

import type { z } from 'zod';
import { apiErrorSchema, type ApiErrorCode } from '../../src-shared/company-server/api';
import { AppError, type ErrorCode } from '../../src-shared/contract/errors';
import type { VerificationReport } from '../../src-shared/pdf/verification';
import {
  codePassedSchema,
  codeSentSchema,
  portalCodeCheckPath,
  portalCodePath,
  portalDocumentPath,
  portalLinkPath,
  portalLinkSchema,
  type CodePassed,
  type CodeSent,
  type PortalLink,
} from '../../src-shared/portal/signing-link';
import {
  portalDeclinedSchema,
  portalDeclinePath,
  portalSignedSchema,
  portalSigningPath,
  portalSignPath,
  signingSubjectSchema,
  type PortalDeclined,
  type PortalSigned,
  type PortalSignRequest,
  type SigningSubject,
} from '../../src-shared/portal/signing-session';
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
  LINK_CLOSED: 'FORBIDDEN',
  CODE_REFUSED: 'VALIDATION',
  CODE_LOCKED: 'FORBIDDEN',
  CODE_RESEND_LIMITED: 'FORBIDDEN',
  SESSION_REQUIRED: 'UNAUTHORIZED',
};

/**
 * A refusal by the portal's server: the AppError ErrorNotice translates, with the API's own code kept beside it, since
 * the signing page acts on some (a lapsed session brings the code step back, a locked code its own page).
 */
export class PortalApiError extends AppError {
  readonly apiCode: ApiErrorCode;

  constructor(apiCode: ApiErrorCode, messageKey: string, details?: Record<string, unknown>) {
    super(appCodes[apiCode] ?? 'TRANSPORT', messageKey, details);
    this.name = 'PortalApiError';
    this.apiCode = apiCode;
  }
}

/** The API code of a portal refusal, if that is what `error` is. */
export const apiCodeOf = (error: unknown): ApiErrorCode | undefined => (error instanceof PortalApiError ? error.apiCode : undefined);

const jsonPost = (body: unknown): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

async function send(path: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(path, { ...init, credentials: 'same-origin', cache: 'no-store' });
  } catch {
    throw new AppError('TRANSPORT', 'portal.errors.unreachable');
  }
}

async function answerOf<S extends z.ZodType>(response: Response, schema: S): Promise<z.output<S>> {
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) throw refusalOf(body, response.status);
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  throw new AppError('TRANSPORT', 'portal.errors.badAnswer', { status: response.status });
}

function refusalOf(body: unknown, status: number): AppError {
  const refusal = apiErrorSchema.safeParse(body);
  // Not the server's own refusal: a proxy in front of it answered (a 502 page, its own 413).
  if (!refusal.success) return new AppError('TRANSPORT', 'portal.errors.badAnswer', { status });
  const { code, messageKey, values, issues } = refusal.data.error;
  // A form's issues travel as the desktop's do (details.issues), so ErrorNotice lists them field by field.
  const details = { ...values, ...(issues ? { issues } : {}) };
  return new PortalApiError(code, messageKey, Object.keys(details).length > 0 ? details : undefined);
}

/** The document's bytes; a refusal is the API's JSON, read as any other. */
async function pdfOf(response: Response): Promise<Blob> {
  if (!response.ok) throw refusalOf(await response.json().catch(() => undefined), response.status);
  const blob = await response.blob();
  return blob.type === 'application/pdf' ? blob : new Blob([blob], { type: 'application/pdf' });
}

export const portalApi = {
  /** `POST /api/v1/public/verify`: the PDF as it is, as the body; the desktop Verify's report back. */
  async verify(file: Blob): Promise<VerificationReport> {
    const response = await send(publicVerifyPath, { method: 'POST', headers: { 'content-type': publicVerifyContentType }, body: file });
    // The outline is checked; the rest is the server's verifyPdf report as VerificationReport types it.
    return (await answerOf(response, publicVerifyResponseSchema)) as unknown as VerificationReport;
  },

  /** What a signing link shows before the code, or its closed state (public; counted as a view by the server). */
  async link(token: string): Promise<PortalLink> {
    return answerOf(await send(portalLinkPath(token), { method: 'GET' }), portalLinkSchema);
  },

  /** A new identity code to the signer's own address; the answer says when another may be asked for. */
  async requestCode(token: string): Promise<CodeSent> {
    return answerOf(await send(portalCodePath(token), { method: 'POST' }), codeSentSchema);
  },

  /** The typed code; passed, the server sets the signing session's cookie (HttpOnly: this page never sees it). */
  async checkCode(token: string, code: string): Promise<CodePassed> {
    return answerOf(await send(portalCodeCheckPath(token), jsonPost({ code })), codePassedSchema);
  },

  /** With the session: what this signer signs (their own fields only). */
  async signingSubject(): Promise<SigningSubject> {
    return answerOf(await send(portalSigningPath, { method: 'GET' }), signingSubjectSchema);
  },

  /** With the session: the published PDF. */
  async document(): Promise<Blob> {
    return pdfOf(await send(portalDocumentPath, { method: 'GET' }));
  },

  async sign(request: PortalSignRequest): Promise<PortalSigned> {
    return answerOf(await send(portalSignPath, jsonPost(request)), portalSignedSchema);
  },

  async decline(reason: string): Promise<PortalDeclined> {
    return answerOf(await send(portalDeclinePath, jsonPost({ reason })), portalDeclinedSchema);
  },
};

import type { ApiErrorCode } from '../../src-shared/company-server/api';
import type { ValidationIssue } from '../../src-shared/contract/errors';

/** HTTP status and message key of each refusal the API answers with (src-shared/company-server/api.ts names the codes). */
const refusals: Record<ApiErrorCode, { status: number; messageKey: string }> = {
  PAIRING_CODE_INVALID: { status: 401, messageKey: 'companyServer.api.codeInvalid' },
  PAIRING_CODE_USED: { status: 401, messageKey: 'companyServer.api.codeUsed' },
  PAIRING_CODE_EXPIRED: { status: 401, messageKey: 'companyServer.api.codeExpired' },
  PAIRING_RATE_LIMITED: { status: 429, messageKey: 'companyServer.api.rateLimited' },
  UNAUTHENTICATED: { status: 401, messageKey: 'companyServer.api.unauthenticated' },
  BAD_REQUEST: { status: 400, messageKey: 'companyServer.api.badRequest' },
  NOT_FOUND: { status: 404, messageKey: 'companyServer.api.notFound' },
  UNAVAILABLE: { status: 503, messageKey: 'companyServer.api.unavailable' },
  INTERNAL: { status: 500, messageKey: 'companyServer.api.internal' },
  // 422: the request was understood, the file is what cannot be checked; its own key (pdf.notPdf, …) comes in `extra`.
  PDF_REFUSED: { status: 422, messageKey: 'pdf.damaged' },
  PDF_TOO_LARGE: { status: 413, messageKey: 'pdf.tooLarge' },
  RATE_LIMITED: { status: 429, messageKey: 'companyServer.api.tooManyRequests' },
  UPLOAD_TOO_LARGE: { status: 413, messageKey: 'companyServer.api.uploadTooLarge' },
  UPLOAD_OFFSET_MISMATCH: { status: 409, messageKey: 'companyServer.api.uploadOffset' },
  UPLOAD_HASH_MISMATCH: { status: 422, messageKey: 'companyServer.api.uploadHashMismatch' },
  FILE_NOT_UPLOADED: { status: 409, messageKey: 'companyServer.api.fileNotUploaded' },
  NO_PUBLIC_URL: { status: 503, messageKey: 'companyServer.api.noPublicUrl' },
  // 410: the link existed or not (an unknown token says `invalid` like a revoked one), either way it is gone for good.
  LINK_CLOSED: { status: 410, messageKey: 'portal.link.closed' },
  CODE_REFUSED: { status: 422, messageKey: 'signing.otp.wrong' },
  CODE_LOCKED: { status: 403, messageKey: 'portal.code.locked' },
  CODE_RESEND_LIMITED: { status: 429, messageKey: 'portal.code.tooSoon' },
  SESSION_REQUIRED: { status: 401, messageKey: 'portal.session.required' },
  NOT_YOUR_TURN: { status: 409, messageKey: 'signing.notYourTurn' },
  ALREADY_SIGNED: { status: 409, messageKey: 'signing.alreadySigned' },
  // 410, not 409: a desktop retries a 409, and a closed document stays closed.
  DOCUMENT_CLOSED: { status: 410, messageKey: 'companyServer.api.documentClosed' },
  SEALED_NOT_READY: { status: 409, messageKey: 'portal.sealed.notReady' },
  SEALED_GONE: { status: 410, messageKey: 'portal.sealed.gone' },
  DEVICE_REVOKED: { status: 401, messageKey: 'accounts.api.deviceRevoked' },
  ACCOUNT_DISABLED: { status: 403, messageKey: 'accounts.api.accountDisabled' },
  FORBIDDEN: { status: 403, messageKey: 'accounts.api.forbidden' },
  ENROLMENT_CODE_INVALID: { status: 401, messageKey: 'accounts.api.codeInvalid' },
  ENROLMENT_CODE_USED: { status: 401, messageKey: 'accounts.api.codeUsed' },
  ENROLMENT_CODE_EXPIRED: { status: 401, messageKey: 'accounts.api.codeExpired' },
  EMAIL_TAKEN: { status: 409, messageKey: 'accounts.api.emailTaken' },
};

/** A refusal thrown anywhere behind a route; the error handler turns it into the API's error body. */
export class ApiError extends Error {
  readonly status: number;
  readonly messageKey: string;

  constructor(
    readonly code: ApiErrorCode,
    readonly extra: { issues?: ValidationIssue[]; retryAfterSeconds?: number; messageKey?: string; values?: Record<string, string | number> } = {},
  ) {
    super(code);
    this.name = 'ApiError';
    this.status = refusals[code].status;
    this.messageKey = extra.messageKey ?? refusals[code].messageKey;
  }
}

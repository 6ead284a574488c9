/**
 * Errors cross every transport (IPC, WebSocket, later HTTP) as plain data, never as thrown Error objects or stack traces.
 * `messageKey` is an i18n key the renderer translates; `details` carries what the message needs (field names, ids).
 */
export const errorCodes = [
  'VALIDATION',
  'NOT_FOUND',
  'DUPLICATE',
  'IN_USE',
  'UNKNOWN_CALL',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'STORE_NEWER_VERSION',
  'STORE_UNAVAILABLE',
  'KEYCHAIN_UNAVAILABLE',
  'IMPORT_FAILED',
  'PDF_REFUSED',
  'TRANSPORT',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

export interface ValidationIssue {
  /** Dotted path of the offending field, e.g. `contact.email`; empty for the payload as a whole. */
  path: string;
  messageKey: string;
}

export interface AppErrorData {
  code: ErrorCode;
  messageKey: string;
  details?: Record<string, unknown>;
}

/** Thrown inside services and the client; serialised with `toData()` before crossing a transport. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly messageKey: string;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, messageKey: string, details?: Record<string, unknown>) {
    super(`${code}: ${messageKey}${details ? ` ${safeJson(details)}` : ''}`);
    this.name = 'AppError';
    this.code = code;
    this.messageKey = messageKey;
    this.details = details;
  }

  toData(): AppErrorData {
    return this.details === undefined
      ? { code: this.code, messageKey: this.messageKey }
      : { code: this.code, messageKey: this.messageKey, details: this.details };
  }

  static fromData(data: AppErrorData): AppError {
    return new AppError(data.code, data.messageKey, data.details);
  }
}

export function validationError(issues: ValidationIssue[]): AppError {
  return new AppError('VALIDATION', 'errors.validation', { issues });
}

export function isAppErrorData(value: unknown): value is AppErrorData {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.code === 'string' && (errorCodes as readonly string[]).includes(v.code) && typeof v.messageKey === 'string';
}

/** Any failure becomes typed data; unexpected ones are reduced to INTERNAL so no stack trace leaves the process. */
export function toAppErrorData(error: unknown): AppErrorData {
  if (error instanceof AppError) return error.toData();
  return { code: 'INTERNAL', messageKey: 'errors.internal' };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return '';
  }
}

import type { z } from 'zod';
import { apiErrorSchema, type ApiErrorBody } from '../../../src-shared/company-server/api';
import { AppError } from '../../../src-shared/contract/errors';

/** How long one request to the company server may take before it counts as unreachable. */
export const serverRequestTimeoutMs = 10_000;

export interface ServerRequest {
  method: 'GET' | 'POST';
  body?: unknown;
  /** The device's API token, for every call but pairing. */
  token?: string;
  timeoutMs?: number;
}

export type ServerAnswer = { ok: true; status: number; body: unknown } | { ok: false; status: number; error: ApiErrorBody['error'] };

/**
 * One request to the company server at `base` (its address as stored, no trailing slash). A connection that fails or
 * times out, and an answer that is not the API's JSON (a web page, another program on that port, a proxy's error),
 * become AppErrors naming the address; the API's own refusals come back as values for the caller to translate.
 * Redirects are not followed: a token must not be carried to wherever a redirect points.
 */
export async function requestServer(base: string, path: string, request: ServerRequest): Promise<ServerAnswer> {
  const timeoutMs = request.timeoutMs ?? serverRequestTimeoutMs;
  let response: Response;
  try {
    response = await fetch(`${base}${path}`, {
      method: request.method,
      headers: {
        accept: 'application/json',
        ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(request.token ? { authorization: `Bearer ${request.token}` } : {}),
      },
      ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
      redirect: 'error',
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    if (error instanceof Error && error.name === 'TimeoutError') throw new AppError('TRANSPORT', 'companyServer.errors.timeout', { url: base, seconds: Math.round(timeoutMs / 1000) });
    throw new AppError('TRANSPORT', 'companyServer.errors.unreachable', { url: base, reason: networkReason(error) });
  }
  const text = await response.text().catch(() => '');
  if (response.status === 204 && text === '') return { ok: true, status: 204, body: null };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw notSignet(base, response.status);
  }
  if (response.ok) return { ok: true, status: response.status, body };
  const refusal = apiErrorSchema.safeParse(body);
  if (!refusal.success) throw notSignet(base, response.status);
  return { ok: false, status: response.status, error: refusal.data.error };
}

/** A successful answer read with its shared schema; one that does not fit is not from a Signet server (of this version). */
export function answerOf<S extends z.ZodType>(base: string, answer: { status: number; body: unknown }, schema: S): z.output<S> {
  const parsed = schema.safeParse(answer.body);
  if (!parsed.success) throw notSignet(base, answer.status);
  return parsed.data;
}

export function notSignet(url: string, status: number): AppError {
  return new AppError('TRANSPORT', 'companyServer.errors.notSignet', { url, status });
}

/** undici's "fetch failed" carries the system's reason (ECONNREFUSED, ENOTFOUND, a certificate problem) in `cause`. */
export function networkReason(error: unknown): string {
  const cause = error instanceof Error ? (error.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
  if (cause && typeof cause.code === 'string') return cause.code;
  if (cause && typeof cause.message === 'string') return cause.message;
  return error instanceof Error ? error.message : String(error);
}

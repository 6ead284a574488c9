import { apiErrorSchema } from '../../../src-shared/company-server/api';
import { AppError } from '../../../src-shared/contract/errors';
import { refusalError } from './client';
import { networkReason, notSignet, serverRequestTimeoutMs } from './server-request';

/**
 * A GET to the company server whose answer is not JSON to read whole but bytes to stream (the live feed, a sealed
 * PDF): the device's token, no redirects (a token is not carried elsewhere), and the same errors as every other call
 * (server-request.ts): unreachable, timed out, not a Signet server, or the API's refusal as client.ts words it.
 * `timeoutMs` bounds the wait for the answer's headers only; `signal` ends the whole exchange.
 */
export async function openServerStream(base: string, path: string, options: { token: string; accept: string; signal?: AbortSignal; timeoutMs?: number }): Promise<Response> {
  const timeoutMs = options.timeoutMs ?? serverRequestTimeoutMs;
  const headersTimeout = new AbortController();
  const timer = setTimeout(() => headersTimeout.abort(), timeoutMs);
  let response: Response;
  try {
    response = await fetch(`${base}${path}`, {
      headers: { accept: options.accept, authorization: `Bearer ${options.token}` },
      redirect: 'error',
      signal: options.signal ? AbortSignal.any([options.signal, headersTimeout.signal]) : headersTimeout.signal,
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    if (headersTimeout.signal.aborted) throw new AppError('TRANSPORT', 'companyServer.errors.timeout', { url: base, seconds: Math.round(timeoutMs / 1000) });
    throw new AppError('TRANSPORT', 'companyServer.errors.unreachable', { url: base, reason: networkReason(error) });
  } finally {
    clearTimeout(timer);
  }
  if (response.ok && (response.headers.get('content-type') ?? '').startsWith(options.accept)) return response;
  const text = await response.text().catch(() => '');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw notSignet(base, response.status);
  }
  const refusal = apiErrorSchema.safeParse(body);
  if (response.ok || !refusal.success) throw notSignet(base, response.status);
  throw refusalError(base, { ok: false, status: response.status, error: refusal.data.error });
}

import { DeliveryError } from '../channel';

/** Long enough for a provider under load, short enough that a hung connection does not hold the outbox up. */
export const defaultSmsTimeoutMs = 15_000;

export interface HttpAnswer {
  status: number;
  statusText: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: unknown;
  text: string;
}

/**
 * One POST with a deadline over Node's fetch. Whatever keeps an answer from arriving — refused connection, reset,
 * DNS, the deadline — is a temporary DeliveryError: the provider may well accept the same request a minute later.
 * Redirects are not followed: a provider's API does not redirect a POST, and following one would carry the
 * Authorization header somewhere we were not told to send it.
 */
export async function post(url: string, headers: Record<string, string>, body: string, timeoutMs: number): Promise<HttpAnswer> {
  try {
    const response = await fetch(url, { method: 'POST', headers, body, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    const text = await response.text();
    return { status: response.status, statusText: response.statusText, json: parseJson(text), text };
  } catch (error) {
    throw new DeliveryError(false, networkReason(error, timeoutMs));
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function networkReason(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) return `no answer within ${timeoutMs} ms`;
  const cause = error instanceof Error ? (error.cause as { code?: unknown; message?: unknown } | undefined) : undefined;
  if (cause && typeof cause.code === 'string') return `connection failed (${cause.code})`;
  return `connection failed (${error instanceof Error ? error.message : String(error)})`;
}

/** 4xx refusals are about the request and will not change on a retry, except "too slow" and "too many" ones. */
export function isPermanentStatus(status: number): boolean {
  return status >= 300 && status < 500 && ![408, 425, 429].includes(status);
}

/**
 * A refusal from what the HTTP status says, with the provider's words when it gave some. Without a code of its own
 * the status stands in as the code: there was an answer, so the provider has not taken the message (the outbox reads
 * a failure with a code after the point of no return as "refused", one without as "outcome unknown").
 */
export function statusRefusal(answer: HttpAnswer, words?: string, code?: string): DeliveryError {
  const reason = words?.trim() || `HTTP ${answer.status}${answer.statusText ? ` ${answer.statusText}` : ''}`;
  return new DeliveryError(isPermanentStatus(answer.status), reason, code ?? String(answer.status));
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function textOf(value: unknown): string | undefined {
  if (typeof value === 'string' && value.trim()) return value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

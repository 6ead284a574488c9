/** How the worker spaces out retries of a message the provider could not take yet. */
export interface RetryPolicy {
  /** The wait after the first failed attempt. */
  baseMs: number;
  /** No wait grows past this. */
  capMs: number;
  /** After this many attempts a temporary failure becomes `failed` (retryable by hand). */
  maxAttempts: number;
}

/**
 * 30 s doubling to an hour, fifteen attempts: about eight hours, long enough to outlast a night offline or an SMTP
 * server being restarted, short enough that a message nobody can deliver shows as failed the same working day.
 */
export const defaultRetryPolicy: RetryPolicy = { baseMs: 30_000, capMs: 3_600_000, maxAttempts: 15 };

/**
 * The wait before attempt `attempts + 1`, after `attempts` failures: exponential, capped, with "equal jitter" (half
 * fixed, half random) so messages that failed together (the server went down under all of them) do not all come back
 * in the same second, while each still waits at least half its step.
 */
export function retryDelayMs(policy: RetryPolicy, attempts: number, random: () => number = Math.random): number {
  const step = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(step / 2 + (step / 2) * random());
}

/*
 * The code step's resend countdown: the server says when the next code may be asked for (`nextCodeAt`, or the seconds
 * of a "too soon" refusal); the page counts down to it with its own clock.
 */

/** Whole seconds left until `iso` (rounded up, so "0:00" shows only once it has passed); 0 for no time or a past one. */
export function secondsUntil(iso: string | null, nowMs: number): number {
  if (!iso) return 0;
  const at = Date.parse(iso);
  return Number.isFinite(at) ? Math.max(0, Math.ceil((at - nowMs) / 1000)) : 0;
}

/** m:ss, as a phone's timer shows it: 75 → "1:15", 9 → "0:09". */
export function formatCountdown(seconds: number): string {
  const whole = Math.max(0, Math.ceil(seconds));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}

/**
 * When a refused resend may be tried again, from now: the refusal's `seconds` (portal.code.tooSoon) or `minutes`
 * (portal.code.tooMany, five an hour).
 */
export function retryAt(details: Record<string, unknown> | undefined, nowMs: number): string | null {
  const { seconds, minutes } = details ?? {};
  const waitMs = typeof seconds === 'number' ? seconds * 1000 : typeof minutes === 'number' ? minutes * 60_000 : 0;
  return waitMs > 0 ? new Date(nowMs + waitMs).toISOString() : null;
}

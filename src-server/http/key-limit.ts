import { ApiError } from './api-error';

/**
 * A second limit on a route that @fastify/rate-limit already limits per address: the plugin runs one limit per
 * request (the first marks the request as counted), so the per-link count of the portal is this small fixed window
 * in memory, kept in real time as the plugin's is. Keys are the caller's (a token's hash, never the token).
 */
export function keyLimit(limit: { max: number; windowMs: number }, clock: () => number = Date.now): (key: string) => void {
  const windows = new Map<string, { count: number; resetAt: number }>();
  return (key) => {
    const now = clock();
    // Guessed tokens each make a key: old windows are dropped before the map can grow without bound.
    if (windows.size >= 10_000) for (const [k, w] of windows) if (w.resetAt <= now) windows.delete(k);
    let window = windows.get(key);
    if (!window || window.resetAt <= now) windows.set(key, (window = { count: 0, resetAt: now + limit.windowMs }));
    window.count++;
    if (window.count > limit.max) throw new ApiError('RATE_LIMITED', { retryAfterSeconds: Math.max(1, Math.ceil((window.resetAt - now) / 1000)) });
  };
}

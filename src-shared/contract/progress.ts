/**
 * How far a long call has got (a 100 MB PDF being verified or sealed), as every transport carries it back to the caller
 * that asked: the Electron bridge and the WebSocket alike. `done` and `total` are in the unit of the phase (bytes, or
 * steps); the UI shows `done / total` as a progress bar and the phase in words (`progress.phase.<phase>`).
 */
export interface CallProgress {
  phase: string;
  done: number;
  total: number;
}

export type ProgressListener = (progress: CallProgress) => void;

/** Progress is reported at most this often per call (and always its last step), so a fast loop cannot flood a socket. */
export const progressIntervalMs = 100;

export function isCallProgress(value: unknown): value is CallProgress {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.phase === 'string' && v.phase.length <= 40 && Number.isFinite(v.done) && Number.isFinite(v.total) && (v.done as number) >= 0 && (v.total as number) >= 0;
}

/** Passes on the first report, then at most one per interval, and every report that completes a phase. */
export function throttleProgress(listener: ProgressListener, intervalMs = progressIntervalMs, now: () => number = Date.now): ProgressListener {
  let last = -Infinity;
  return (p) => {
    const t = now();
    if (p.done < p.total && t - last < intervalMs) return;
    last = t;
    listener(p);
  };
}

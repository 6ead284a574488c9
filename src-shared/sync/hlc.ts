/*
 * A hybrid logical clock (Kulkarni et al., 2014) for per-field last-writer-wins between laptops that are often offline
 * and whose clocks disagree: a stamp is the wall time in ms as the writer saw it, a counter for writes within the same
 * millisecond (or behind a clock that jumped back), and the writing device's id to break the last tie. Stamps grow on
 * every device whatever its clock does, a stamp received from another device moves this one past it, and two stamps
 * always compare the same way everywhere — so every device picks the same winner for the same two writes.
 */
export interface HlcStamp {
  /** Milliseconds since the epoch, never less than any stamp this device has seen. */
  wall: number;
  /** Writes at the same `wall`. */
  counter: number;
  /** The device that wrote it. */
  node: string;
}

/** A clock that is this far ahead of the local one is refused: a laptop set to next year must not win every field for a year. */
export const maxDriftMs = 24 * 60 * 60_000;

export class ClockDriftError extends Error {
  constructor(readonly stamp: HlcStamp, readonly localMs: number) {
    super(`a stamp ${stamp.wall - localMs} ms ahead of this clock (more than ${maxDriftMs} ms)`);
  }
}

export function compareStamps(a: HlcStamp, b: HlcStamp): number {
  if (a.wall !== b.wall) return a.wall < b.wall ? -1 : 1;
  if (a.counter !== b.counter) return a.counter < b.counter ? -1 : 1;
  return a.node < b.node ? -1 : a.node > b.node ? 1 : 0;
}

/** The stamp for a write made here now. */
export function tick(last: HlcStamp, nowMs: number, node: string): HlcStamp {
  if (nowMs > last.wall) return { wall: nowMs, counter: 0, node };
  return { wall: last.wall, counter: last.counter + 1, node };
}

/** This device's clock after seeing `remote` (a pulled change): past both, so its next write comes after what it saw. */
export function receive(last: HlcStamp, remote: HlcStamp, nowMs: number, node: string): HlcStamp {
  if (remote.wall - nowMs > maxDriftMs) throw new ClockDriftError(remote, nowMs);
  const wall = Math.max(last.wall, remote.wall, nowMs);
  let counter = 0;
  if (wall === last.wall && wall === remote.wall) counter = Math.max(last.counter, remote.counter) + 1;
  else if (wall === last.wall) counter = last.counter + 1;
  else if (wall === remote.wall) counter = remote.counter + 1;
  return { wall, counter, node };
}

/**
 * Text that sorts as the stamps compare (for an index or a SQL `max`): the wall time and counter zero-padded, then the
 * node. 15 digits of milliseconds last until the year 33658.
 */
export function encodeStamp(s: HlcStamp): string {
  return `${String(s.wall).padStart(15, '0')}-${String(s.counter).padStart(6, '0')}-${s.node}`;
}

export function decodeStamp(text: string): HlcStamp {
  const match = /^(\d{15})-(\d{6})-(.+)$/.exec(text);
  if (!match) throw new Error(`not a clock stamp: ${text}`);
  return { wall: Number(match[1]), counter: Number(match[2]), node: match[3]! };
}

export const zeroStamp = (node: string): HlcStamp => ({ wall: 0, counter: 0, node });

import { EventEmitter } from 'node:events';

/** The PostgreSQL channel a feed row's transaction notifies on (delivered at its commit, to every instance). */
export const feedChannel = 'signet_feed';

/** What a live channel waits on for the next feed row: this process's appends (SQLite) or the database's notices (PostgreSQL). */
export interface FeedWake {
  /** Resolves at the next wake, or after `ms`, or when `abort` fires: whichever is first. */
  wait(ms: number, abort?: AbortSignal): Promise<void>;
  wake(): void;
}

export function emitterWake(): FeedWake {
  const signal = new EventEmitter();
  signal.setMaxListeners(0);
  return {
    wake: () => void signal.emit('wake'),
    wait: (ms, abort) =>
      new Promise((resolve) => {
        const done = () => {
          clearTimeout(timer);
          signal.off('wake', done);
          abort?.removeEventListener('abort', done);
          resolve();
        };
        const timer = setTimeout(done, ms);
        signal.once('wake', done);
        abort?.addEventListener('abort', done, { once: true });
      }),
  };
}

/**
 * On SQLite: this process's own appends (feed.ts wakes it in the appending transaction). Waking early is harmless:
 * the store's one connection runs a reader's query only after the writer's transaction ends, so it sees the row or,
 * if that transaction rolled back, nothing, and waits again.
 */
export const localFeedWake = emitterWake();

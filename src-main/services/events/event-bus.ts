import type { AppEvent, EventBatch } from '../../../src-shared/contract/app-events';

export interface EventBus {
  publish(event: AppEvent): void;
  /** Resolves with the events after `after` as soon as there are any, or empty when `timeoutMs` passes; -1 asks for the cursor only. */
  wait(after: number, timeoutMs: number): Promise<EventBatch>;
  /** Ends every wait that is open (the store is closing). */
  close(): void;
}

/**
 * The last `capacity` events in memory, numbered. A window that fell further behind than that is told to reload
 * (`reset`) rather than given a partial picture. One process's memory: the company server will fan events out across
 * instances (issue 7), behind the same interface.
 */
export function createEventBus(capacity = 1000): EventBus {
  const kept: { seq: number; event: AppEvent }[] = [];
  let seq = 0;
  const waiting = new Set<() => void>();

  const batch = (after: number): EventBatch => {
    const oldest = kept[0]?.seq ?? seq + 1;
    // A cursor from before this process started (a reloaded main side), or older than what is kept: start afresh.
    const reset = after > seq || after < oldest - 1;
    return { cursor: seq, events: reset ? [] : kept.filter((k) => k.seq > after).map((k) => k.event), reset };
  };

  return {
    publish(event) {
      kept.push({ seq: ++seq, event });
      if (kept.length > capacity) kept.shift();
      for (const wake of [...waiting]) wake();
    },
    wait(after, timeoutMs) {
      // A window's first wait (-1) only learns where the stream stands: what it shows was just loaded.
      if (after < 0) return Promise.resolve({ cursor: seq, events: [], reset: false });
      const now = batch(after);
      if (now.events.length > 0 || now.reset) return Promise.resolve(now);
      return new Promise((resolve) => {
        const done = () => {
          clearTimeout(timer);
          waiting.delete(done);
          resolve(batch(after));
        };
        const timer = setTimeout(done, timeoutMs);
        timer.unref();
        waiting.add(done);
      });
    },
    close() {
      for (const wake of [...waiting]) wake();
    },
  };
}

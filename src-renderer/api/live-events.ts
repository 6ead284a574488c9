import type { AppEvent } from '../../src-shared/contract/app-events';
import type { ApiClient } from './client';

/** What a subscriber is told: the events since it last heard, or `reset` when it should reload what it shows. */
export type LiveListener = (update: { events: AppEvent[]; reset: boolean }) => void;

/**
 * One long-poll loop per window on `events.wait`, shared by every subscriber: started by the first, stopped after the
 * last leaves. A failed wait (the main side restarting, the socket dropping) is retried after a pause, and the next
 * batch after it says `reset`, since events may have been missed meanwhile.
 */
export function createLiveEvents(api: Pick<ApiClient, 'call'>, retryMs = 2000): { subscribe(listener: LiveListener): () => void } {
  const listeners = new Set<LiveListener>();
  let running = false;

  const loop = async () => {
    running = true;
    let cursor = -1;
    let missed = false;
    while (listeners.size > 0) {
      try {
        const batch = await api.call('events.wait', { after: cursor });
        const reset = batch.reset || missed;
        missed = false;
        cursor = batch.cursor;
        if (batch.events.length > 0 || reset) for (const l of [...listeners]) l({ events: batch.events, reset });
      } catch {
        missed = true;
        cursor = -1;
        await new Promise((resolve) => setTimeout(resolve, retryMs));
      }
    }
    running = false;
  };

  return {
    subscribe(listener) {
      listeners.add(listener);
      if (!running) void loop();
      return () => listeners.delete(listener);
    },
  };
}

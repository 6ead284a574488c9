import { useEffect, useRef } from 'react';
import { liveEvents } from '../../api';

/**
 * Follows the main side while the caller is mounted: `onDocuments` when documents changed (a signature, another
 * window's move), `onReload` when stages changed or events may have been missed (a reset), which the caller answers
 * with a full reload. The latest callbacks are used without re-subscribing on every render.
 */
export function useLiveUpdates(onDocuments: () => void, onReload: () => void): void {
  const handlers = useRef({ onDocuments, onReload });
  useEffect(() => {
    handlers.current = { onDocuments, onReload };
  });
  useEffect(
    () =>
      liveEvents.subscribe(({ events, reset }) => {
        if (reset || events.some((e) => e.type === 'stagesChanged')) handlers.current.onReload();
        else if (events.some((e) => e.type === 'documentsChanged')) handlers.current.onDocuments();
      }),
    [],
  );
}

import { useCallback, useEffect, useRef, useState } from 'react';
import type { Notice } from '../../../src-shared/automation/notices';
import { api, liveEvents } from '../../api';

/** The current employee's notices, read again when one arrives (or events were missed) and when the employee changes. */
export function useNotices(userId: string): { notices: Notice[]; markRead(ids: string[]): Promise<void> } {
  const [notices, setNotices] = useState<Notice[]>([]);
  // Only the latest request's answer is shown: a late one for the employee before a switch is dropped.
  const latest = useRef(0);
  const show = useCallback((request: Promise<Notice[]>) => {
    const mine = ++latest.current;
    request.then(
      (list) => {
        if (mine === latest.current) setNotices(list);
      },
      () => undefined,
    );
  }, []);
  const load = useCallback(() => show(api.call('notices.list', {})), [show]);
  useEffect(() => {
    load();
    return liveEvents.subscribe(({ events, reset }) => {
      if (reset || events.some((e) => e.type === 'notice' || e.type === 'noticesRead')) load();
    });
  }, [load, userId]);
  const markRead = useCallback(
    async (ids: string[]) => {
      // A failed mark leaves them unread, to be marked at the next close: nothing is lost.
      if (ids.length) show(api.call('notices.markRead', { ids }));
    },
    [show],
  );
  return { notices, markRead };
}

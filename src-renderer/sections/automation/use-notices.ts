import { useCallback, useEffect, useState } from 'react';
import type { Notice } from '../../../src-shared/automation/notices';
import { api, liveEvents } from '../../api';

/** The current employee's notices, read again when one arrives (or events were missed) and when the employee changes. */
export function useNotices(userId: string): { notices: Notice[]; markRead(ids: string[]): Promise<void> } {
  const [notices, setNotices] = useState<Notice[]>([]);
  const load = useCallback(() => {
    api.call('notices.list', {}).then(setNotices, () => undefined);
  }, []);
  useEffect(() => {
    load();
    return liveEvents.subscribe(({ events, reset }) => {
      if (reset || events.some((e) => e.type === 'notice')) load();
    });
  }, [load, userId]);
  const markRead = useCallback(async (ids: string[]) => {
    if (ids.length) setNotices(await api.call('notices.markRead', { ids }));
  }, []);
  return { notices, markRead };
}

import { useEffect } from 'react';
import { api, liveEvents } from '../api';
import { useLoaded } from './use-loaded';

const listUsers = () => api.call('users.list', {});

/**
 * The install's employees (`users.list`), read again when any window adds or changes one, or another employee starts
 * working here (`usersChanged`), and after events may have been missed.
 */
export function useUsers() {
  const { value: users, loadError, reload } = useLoaded(listUsers);
  useUsersChanged(reload);
  return { users, loadError, reload };
}

/** Calls `onChange` after `usersChanged` (or a reset of the event stream) while the caller is mounted. */
export function useUsersChanged(onChange: () => void): void {
  useEffect(
    () =>
      liveEvents.subscribe(({ events, reset }) => {
        if (reset || events.some((e) => e.type === 'usersChanged')) onChange();
      }),
    [onChange],
  );
}

import { useCallback } from 'react';
import type { PermissionsView } from '../../../src-shared/permissions/permission-calls';
import { api } from '../../api';
import { useAppStore } from '../../state/app-store';
import { useLoaded } from '../../state/use-loaded';

const loadView = () => api.call('permissions.get', {});

/**
 * The section's data. After every change the view is read again (or taken from the call's answer) and so is
 * `app.info`: the employee's own grants may have changed with it, and the rest of the app follows them at once.
 */
export function usePermissionsView() {
  const { value: view, setValue, loadError, reload } = useLoaded(loadView);
  const refreshInfo = useAppStore((s) => s.refreshInfo);

  const changed = useCallback(
    async (next?: PermissionsView) => {
      if (next) setValue(next);
      else await reload();
      await refreshInfo();
    },
    [setValue, reload, refreshInfo],
  );

  return { view, loadError, reload, changed };
}

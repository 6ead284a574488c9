import { useCallback } from 'react';
import type { AutomationView } from '../../../src-shared/automation/automation';
import { api } from '../../api';
import { useLoaded } from '../../state/use-loaded';

const loadView = () => api.call('automation.get', {});

/** Every trigger and rule, by stage; each change answers with the whole view, which `apply` keeps. */
export function useAutomationView() {
  const { value: view, setValue, loadError, reload } = useLoaded(loadView);
  const apply = useCallback(
    async (request: Promise<AutomationView>) => {
      setValue(await request);
    },
    [setValue],
  );
  return { view, loadError, reload, apply };
}

import { useCallback } from 'react';
import type { Stage } from '../../../src-shared/documents/stages';
import { api } from '../../api';
import { useLoaded } from '../../state/use-loaded';
import { useLiveUpdates } from '../board/use-live-updates';

const listStages = () => api.call('stages.list', {});

/**
 * The company's stages in board order. Every stage call answers with the whole new list, which `apply` keeps; a
 * change made in another window arrives as `stagesChanged` and reloads the list.
 */
export function useStages() {
  const { value: stages, setValue: setStages, loadError, reload } = useLoaded(listStages);
  useLiveUpdates(
    () => undefined,
    () => void reload(),
  );

  const apply = useCallback(
    async (request: Promise<Stage[]>): Promise<Stage[]> => {
      const next = await request;
      setStages(next);
      return next;
    },
    [setStages],
  );

  return { stages, loadError, reload, apply };
}

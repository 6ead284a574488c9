import { useCallback, useEffect, useState } from 'react';
import type { Stage } from '../../../src-shared/documents/stages';
import { api } from '../../api';
import { useLiveUpdates } from '../board/use-live-updates';

/**
 * The company's stages in board order. Every stage call answers with the whole new list, which `apply` keeps; a
 * change made in another window arrives as `stagesChanged` and reloads the list.
 */
export function useStages() {
  const [stages, setStages] = useState<Stage[] | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);

  const reload = useCallback(
    () =>
      api.call('stages.list', {}).then(
        (list) => {
          setStages(list);
          setLoadError(null);
        },
        (e: unknown) => setLoadError(e),
      ),
    [],
  );

  useEffect(() => {
    void reload();
  }, [reload]);
  useLiveUpdates(
    () => undefined,
    () => void reload(),
  );

  const apply = useCallback(async (request: Promise<Stage[]>): Promise<Stage[]> => {
    const next = await request;
    setStages(next);
    return next;
  }, []);

  return { stages, loadError, reload, apply };
}

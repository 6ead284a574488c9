import { useCallback, useEffect, useState } from 'react';
import type { AutomationRun, JobStatus } from '../../../src-shared/automation/runs';
import { api, liveEvents } from '../../api';

export interface LogFilter {
  status?: JobStatus | undefined;
  documentId?: string | undefined;
}

const limit = 100;

/**
 * The engine's jobs, newest first, as `filter` narrows them; read again whenever the engine queues, runs or fails one
 * (`automationChanged`, from this window or the worker) and after events may have been missed.
 */
export function useAutomationLog(filter: LogFilter) {
  const [runs, setRuns] = useState<AutomationRun[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const { status, documentId } = filter;

  const reload = useCallback(
    () =>
      api.call('automation.log', { limit, ...(status ? { status } : {}), ...(documentId ? { documentId } : {}) }).then(
        (next) => {
          setRuns(next);
          setError(null);
        },
        (e: unknown) => setError(e),
      ),
    [status, documentId],
  );

  useEffect(() => {
    void reload();
  }, [reload]);

  useEffect(
    () =>
      liveEvents.subscribe(({ events, reset }) => {
        if (reset || events.some((e) => e.type === 'automationChanged')) void reload();
      }),
    [reload],
  );

  /** A run changed by a call here (tried again): shown at once, before the event reads the log again. */
  const replace = useCallback((run: AutomationRun) => setRuns((shown) => shown?.map((r) => (r.id === run.id ? run : r)) ?? null), []);

  return { runs, error, reload, replace };
}

import { useCallback, useEffect, useState } from 'react';

/**
 * What `load` reads from the main side (null until it has come), read on mount and again on `reload()`, with the
 * error of the last read; a successful read clears it. `load` must be stable (defined outside the component).
 */
export function useLoaded<T>(load: () => Promise<T>) {
  const [value, setValue] = useState<T | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);

  const reload = useCallback(
    () =>
      load().then(
        (loaded) => {
          setValue(loaded);
          setLoadError(null);
        },
        (e: unknown) => setLoadError(e),
      ),
    [load],
  );

  useEffect(() => {
    void reload();
  }, [reload]);

  return { value, setValue, loadError, reload };
}

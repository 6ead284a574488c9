/**
 * What has to stop, in order, when the server is told to (SIGTERM, SIGINT): first the HTTP server (it stops accepting
 * and lets in-flight requests finish), then whatever works in the background (the outbox, later), the store last,
 * since everything before it may still write. Each step runs even if an earlier one failed; the failures are reported.
 */
export interface StopList {
  add(name: string, stop: () => Promise<void>): void;
  /** Runs every step once; later calls get the same run. Resolves with the names of the steps that failed. */
  run(): Promise<string[]>;
}

export function createStopList(onFailure: (name: string, error: unknown) => void): StopList {
  const steps: { name: string; stop: () => Promise<void> }[] = [];
  let running: Promise<string[]> | null = null;
  return {
    add: (name, stop) => {
      steps.push({ name, stop });
    },
    run: () => {
      running ??= (async () => {
        const failed: string[] = [];
        for (const step of steps) {
          try {
            await step.stop();
          } catch (error) {
            onFailure(step.name, error);
            failed.push(step.name);
          }
        }
        return failed;
      })();
      return running;
    },
  };
}

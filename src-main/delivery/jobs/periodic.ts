/** A pass run now and then at every tick, stoppable; see startPeriodic. */
export interface Periodic {
  /** No more ticks; resolves once the pass in progress (if any) is done. */
  stop(): Promise<void>;
}

/**
 * Runs `pass` at once (the process may have been down past a deadline) and then every `intervalMs`, one pass after the
 * other: a tick that comes while a pass runs waits for it. A failed pass goes to `onFailure` and the next tick tries
 * again; it never stops the process. The timer does not keep the process alive.
 */
export function startPeriodic(intervalMs: number, pass: () => Promise<unknown>, onFailure: (error: unknown) => void): Periodic {
  let running: Promise<unknown> = Promise.resolve();
  const tick = () => {
    running = running.then(pass).catch(onFailure);
  };
  tick();
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}

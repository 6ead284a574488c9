import type { ServiceContext } from '../../services/context';

/*
 * The scheduling half of a durable job table (the outbox, the publish jobs): each caller keeps its own claim, run,
 * settle and backoff (backoff.ts); this only decides when to look at the table again and how to stop.
 */

export interface DueLoopOptions {
  /**
   * Runs whatever is due now, one after another, and resolves with how many it tried. It should look at `stopping`
   * between items, so that `stop` waits for the item in progress and not for a whole backlog.
   */
  runDue(stopping: () => boolean): Promise<number>;
  /** When the earliest waiting row comes due (an ISO time), or nothing when none is waiting. */
  nextDueAt(): Promise<string | null | undefined>;
  /** What a failed pass is logged as. */
  failureMessage: string;
  /** The longest the loop sleeps without looking at the table (a clock change, a row written by another tool). */
  idleMs: number;
  /** How long `stop` waits for the run in progress before giving up on it; without it, as long as it takes. */
  stopGraceMs?: number;
}

export interface DueLoop {
  /** Starts the loop once; later calls do nothing. */
  start(): void;
  readonly started: boolean;
  /** Stops taking new items and resolves once the one in progress is done (or `stopGraceMs` has passed). */
  stop(): Promise<void>;
  /** One pass over what is due. The loop uses it; tests with a fixed clock call it directly instead of waiting for timers. */
  runDue(): Promise<number>;
}

/** The clock, the log, and the events: any event of this process wakes the loop (a new row's writer publishes one). */
export type DueLoopContext = Pick<ServiceContext, 'now' | 'log'> & { events: Pick<ServiceContext['events'], 'wait'> };

export function createDueLoop(ctx: DueLoopContext, options: DueLoopOptions): DueLoop {
  const { idleMs } = options;
  let stopping = false;
  let loop: Promise<void> | undefined;
  let wakeStop: () => void = () => {};
  const stopped = new Promise<void>((resolve) => (wakeStop = resolve));
  // Runs never overlap: the loop and a test (or two wake-ups) calling runDue share one chain.
  let current: Promise<number> = Promise.resolve(0);
  const isStopping = () => stopping;

  const runDue = (): Promise<number> => {
    current = current.catch(() => 0).then(() => options.runDue(isStopping));
    return current;
  };

  /** Until the next row is due, at most `idleMs`; 0 when one is due now. */
  const msUntilDue = async (): Promise<number> => {
    const at = await options.nextDueAt();
    if (!at) return idleMs;
    return Math.max(0, Math.min(idleMs, Date.parse(String(at)) - ctx.now().getTime()));
  };

  const run = async () => {
    // Only this process's own events from here on: whatever is published after this wakes the wait below.
    let cursor = (await ctx.events.wait(-1, 0)).cursor;
    while (!stopping) {
      try {
        await runDue();
        if (stopping) break;
        const wait = await msUntilDue();
        if (wait === 0) continue;
        const woken = await Promise.race([ctx.events.wait(cursor, wait), stopped.then(() => undefined)]);
        if (woken) cursor = woken.cursor;
      } catch (error) {
        if (stopping) break;
        // The store refused a write (disk full, locked by another tool): try again later rather than spin.
        ctx.log.error(options.failureMessage, error);
        await Promise.race([new Promise((r) => setTimeout(r, Math.min(idleMs, 5_000)).unref()), stopped]);
      }
    }
  };

  return {
    start() {
      loop ??= run();
    },
    get started() {
      return loop !== undefined;
    },
    async stop() {
      stopping = true;
      wakeStop();
      const settled = Promise.all([loop, current.catch(() => 0)]);
      if (options.stopGraceMs === undefined) {
        await settled;
        return;
      }
      const grace = new Promise<void>((r) => setTimeout(r, options.stopGraceMs).unref());
      await Promise.race([settled, grace]);
    },
    runDue,
  };
}

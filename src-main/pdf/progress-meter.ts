import type { OnProgress, ProgressPhase } from '../../src-shared/pdf/progress';

/**
 * Counts an operation's work towards a total fixed up front and reports it. Whatever a caller adds, what is reported
 * never goes backwards nor past the total, so a progress bar cannot jump back or overflow.
 */
export class ProgressMeter {
  private done = 0;

  constructor(
    private readonly onProgress: OnProgress | undefined,
    readonly total: number,
  ) {}

  report(phase: ProgressPhase, advance = 0): void {
    this.done = Math.min(this.total, this.done + Math.max(0, advance));
    this.onProgress?.({ phase, done: this.done, total: this.total });
  }

  finish(phase: ProgressPhase): void {
    this.report(phase, this.total);
  }
}

/** Lets the event loop run (a UI repaint, an IPC message) between chunks of long synchronous work. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

import type { ServiceContext } from '../context';
import { completePending } from './complete';
import { expireDue } from './expiry';

/**
 * Seals documents every signer has signed but whose seal failed (completePending), and expires overdue ones, at start (the app may have been closed past a deadline) and then every `intervalMs`.
 * A failed sweep is logged and tried again at the next tick; it never stops the app.
 */
export function startExpirySweep(ctx: ServiceContext, intervalMs = 60_000): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  const sweep = () => {
    running = running
      .then(() => expireDue(ctx))
      .then(() => completePending(ctx))
      .catch((error: unknown) => ctx.log.error('signing sweep failed', error));
  };
  sweep();
  const timer = setInterval(sweep, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}

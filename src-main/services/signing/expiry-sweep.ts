import { startPeriodic, type Periodic } from '../../delivery/jobs/periodic';
import type { ServiceContext } from '../context';
import { completePending } from './complete';
import { expireDue } from './expiry';
import { remindDue } from './reminders';

/**
 * Seals documents every signer has signed but whose seal failed (completePending), expires overdue ones, and sends the
 * automatic reminders that are due, at start (the app may have been closed past a deadline) and then every `intervalMs`.
 * Expiry runs before reminders, so a document whose deadline passed while the app was closed is reminded of nothing.
 * A failed sweep is logged and tried again at the next tick; it never stops the app.
 */
export function startExpirySweep(ctx: ServiceContext, intervalMs = 60_000): Periodic {
  return startPeriodic(
    intervalMs,
    async () => {
      await expireDue(ctx);
      await remindDue(ctx);
      await completePending(ctx);
    },
    (error) => ctx.log.error('signing sweep failed', error),
  );
}

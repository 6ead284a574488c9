import { startPeriodic, type Periodic } from '../../src-main/delivery/jobs/periodic';
import type { SealContext } from './seal-context';
import { awaitingSeal, sealPublished, type SealOutcome } from './seal-published';

/** The sweep's period: a seal the hook missed (a failure, a start without the seal) is at most a minute late. */
export const sealSweepMs = 60_000;

export interface SealQueue {
  /** The last signature is in (the `onAllSigned` hook): seal that document soon. Never throws, never waits. */
  kick(publishedId: string): void;
  /** Seals every fully signed document still without a seal; resolves when they are done. */
  sweep(): Promise<void>;
  /** Resolves when everything asked of the queue so far is done (tests). */
  idle(): Promise<void>;
  /** No more work; resolves once the seal in progress (if any) is done. A step of the stop list, before the store. */
  stop(): Promise<void>;
}

/**
 * Seals one document at a time, in the order asked: composing and sealing are heavy, and a second seal of the same
 * document waits for the first and then finds it sealed (the conditional update makes sure even across processes).
 * The hook seals at once; a sweep at start and every minute seals whatever the hook missed, so a server killed between
 * the last signature and its seal loses nothing: the signatures are committed, and the next start seals.
 *
 * A failure is logged once per document and reason (a server without --seal-p12, a document that cannot be
 * composed), not every minute, and the document is tried again at each sweep.
 */
export function startSealQueue(ctx: SealContext, options: { intervalMs?: number; sweep?: boolean } = {}): SealQueue {
  let chain: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const logged = new Set<string>();
  const once = (publishedId: string, reason: string, log: () => void) => {
    const key = `${publishedId}:${reason}`;
    if (logged.has(key)) return;
    logged.add(key);
    log();
  };

  const sealOne = async (publishedId: string): Promise<void> => {
    // Work asked for before the stop but not yet begun is left to the next start's sweep.
    if (stopped) return;
    let outcome: SealOutcome;
    try {
      outcome = await sealPublished(ctx, publishedId);
    } catch (error) {
      once(publishedId, error instanceof Error ? error.message : String(error), () => ctx.log.error('sealing a fully signed document failed; tried again at the next sweep', error, { publishedId }));
      return;
    }
    if (outcome.state === 'sealed') {
      for (const key of logged) if (key.startsWith(`${publishedId}:`)) logged.delete(key);
      ctx.log.info('document sealed', { publishedId, sha256: outcome.sha256, size: outcome.size });
    } else if (outcome.state === 'noSealer') {
      once(publishedId, 'noSealer', () => ctx.log.error('a fully signed document cannot be sealed: the server was started without --seal-p12; it is sealed once it is started with one', undefined, { publishedId }));
    }
  };

  const run = (work: () => Promise<void>): Promise<void> => {
    const next = chain.then(work);
    chain = next.catch(() => undefined);
    return next;
  };

  const sweep = () =>
    run(async () => {
      if (stopped) return;
      for (const id of await awaitingSeal(ctx.db)) await sealOne(id);
    });

  const periodic: Periodic | undefined = options.sweep === false ? undefined : startPeriodic(options.intervalMs ?? sealSweepMs, sweep, (error) => ctx.log.error('seal sweep failed', error));

  return {
    kick(publishedId) {
      if (stopped) return;
      void run(() => sealOne(publishedId));
    },
    sweep,
    idle: () => chain.then(() => undefined),
    async stop() {
      stopped = true;
      await periodic?.stop();
      await chain;
    },
  };
}

import fsp from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Log } from '../../src-main/app/log';
import { startPeriodic, type Periodic } from '../../src-main/delivery/jobs/periodic';
import type { ServerDatabase } from '../store/schema';

/** An upload nothing has been written to for this long is taken as given up: a desktop resumes within minutes or hours. */
export const abandonedUploadMs = 24 * 60 * 60_000;
const dailyMs = 24 * 60 * 60_000;

export interface UploadSweepContext {
  db: Kysely<ServerDatabase>;
  now(): Date;
  log: Log;
}

/**
 * Removes the uploads abandoned part way, their chunks with them, so a desktop that gave up does not keep up to 100 MB
 * in the server's database for ever. The last chunk's arrival is the last sign of life; without one, the upload's
 * creation. A completed upload's row stays: it is what lets its device publish that file. Returns how many went.
 */
export async function sweepAbandonedUploads(ctx: Omit<UploadSweepContext, 'log'>, maxAgeMs = abandonedUploadMs): Promise<number> {
  const cutoff = new Date(ctx.now().getTime() - maxAgeMs).toISOString();
  const removed = await ctx.db
    .deleteFrom('uploads')
    .where('completed_at', 'is', null)
    .where((eb) => eb.or([eb('updated_at', '<=', cutoff), eb.and([eb('updated_at', 'is', null), eb('created_at', '<=', cutoff)])]))
    .executeTakeFirst();
  return Number(removed.numDeletedRows);
}

/**
 * Removes DIR/uploads, where servers before migration 012 kept the part files of uploads still arriving: nothing reads
 * them any more (those uploads start again from the offset the database has, 0), and each could be 100 MB.
 */
export async function removeLegacyPartFiles(dataDir: string): Promise<void> {
  await fsp.rm(path.join(dataDir, 'uploads'), { recursive: true, force: true });
}

/**
 * Sweeps at start (the server may have been down past the limit) and then daily; a failed sweep is logged. `stop` (a
 * step of the stop list, before the store closes) waits for a sweep in progress.
 */
export function startUploadSweep(ctx: UploadSweepContext, intervalMs = dailyMs): Periodic {
  return startPeriodic(
    intervalMs,
    async () => {
      const removed = await sweepAbandonedUploads(ctx);
      if (removed > 0) ctx.log.info('abandoned uploads removed', { removed });
    },
    (error) => ctx.log.error('upload sweep failed', error),
  );
}

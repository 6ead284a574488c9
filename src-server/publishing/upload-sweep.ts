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
  uploadsDir: string;
  now(): Date;
  log: Log;
}

/**
 * Removes the uploads abandoned part way (their row and their DIR/uploads/<id>.part) and part files no upload names any
 * more (a crash between a row's removal and its file's), so a desktop that gave up does not keep up to 100 MB on the
 * server's disk for ever. The part file's last change is the last sign of life (every chunk writes it); without one,
 * the row's creation. A completed upload's row stays: it is what lets its device publish that file. Returns how many
 * part files went.
 */
export async function sweepAbandonedUploads(ctx: Omit<UploadSweepContext, 'log'>, maxAgeMs = abandonedUploadMs): Promise<number> {
  const cutoff = ctx.now().getTime() - maxAgeMs;
  const lastChange = async (file: string) => (await fsp.stat(file).catch(() => null))?.mtimeMs;
  const pending = await ctx.db.selectFrom('uploads').select(['id', 'created_at']).where('completed_at', 'is', null).execute();
  for (const row of pending) {
    const at = (await lastChange(partPath(ctx.uploadsDir, row.id))) ?? Date.parse(row.created_at);
    if (at <= cutoff) await ctx.db.deleteFrom('uploads').where('id', '=', row.id).where('completed_at', 'is', null).execute();
  }
  const kept = new Set((await ctx.db.selectFrom('uploads').select('id').where('completed_at', 'is', null).execute()).map((row) => row.id));
  let removed = 0;
  const names = await fsp.readdir(ctx.uploadsDir).catch(() => [] as string[]);
  for (const name of names.filter((n) => n.endsWith('.part'))) {
    const file = path.join(ctx.uploadsDir, name);
    const at = await lastChange(file);
    if (kept.has(name.slice(0, -'.part'.length)) || at === undefined || at > cutoff) continue;
    await fsp.rm(file, { force: true });
    removed += 1;
  }
  return removed;
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

function partPath(uploadsDir: string, id: string): string {
  return path.join(uploadsDir, `${id}.part`);
}

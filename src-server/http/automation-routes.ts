import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { wakeFeedReaders } from '../feed/feed';
import type { ServerDatabase } from '../store/schema';
import { ApiError } from './api-error';
import { parseBody } from './error-handler';

const params = z.object({ id: z.string().min(1).max(64) });

/**
 * The server's automation from a desktop's execution log (issue 9): a job that failed (a webhook's receiver down past
 * its retries) is queued again, from now, its attempts counted afresh — by whoever may manage automation rules.
 */
export function registerAutomationRoutes(api: FastifyInstance, ctx: { db: Kysely<ServerDatabase>; now(): Date }): void {
  api.post('/automation/jobs/:id/retry', { config: { permission: { action: 'automation.manage' } } }, async (request) => {
    const { id } = parseBody(params, request.params);
    const queued = await ctx.db.transaction().execute(async (trx) => {
      const updated = await trx.updateTable('automation_jobs').set({ status: 'queued', attempts: 0, due_at: ctx.now().toISOString(), finished_at: null }).where('id', '=', id).where('status', '=', 'failed').executeTakeFirst();
      if (Number(updated.numUpdatedRows) === 1) await wakeFeedReaders(trx);
      return Number(updated.numUpdatedRows) === 1;
    });
    if (!queued) {
      const known = await ctx.db.selectFrom('automation_jobs').select('status').where('id', '=', id).executeTakeFirst();
      throw known ? new ApiError('BAD_REQUEST', { messageKey: 'automation.log.notFailed' }) : new ApiError('NOT_FOUND');
    }
    request.log.info({ job: id }, 'automation job queued again from a desktop');
    return { id, status: 'queued' as const };
  });
}

import type { Selectable } from 'kysely';
import { z } from 'zod';
import type { RuleActionKind } from '../../../src-shared/automation/automation';
import type { AutomationRun, automationLogInput, webhookSecretInput } from '../../../src-shared/automation/runs';
import { webhookSecretAccount } from '../../automation/app-executors';
import { AppError } from '../../../src-shared/contract/errors';
import type { AutomationJobTable, ServerAutomationRunTable } from '../../store/schema';
import { nowIso, type ServiceContext } from '../context';
import { companyServerClient } from '../company-server/client';
import { automationRetryPath } from '../../../src-shared/company-server/events';

/*
 * The execution log (issue 9, item 4): the engine's jobs as the section shows them, and a failed one queued again by
 * hand once its cause is mended (a webhook's receiver back up, a secret put in the keychain).
 */

type JobRow = Selectable<AutomationJobTable> & { title: string; number: string };

const runOf = (row: JobRow): AutomationRun => ({
  id: row.id,
  documentId: row.document_id,
  documentTitle: row.title,
  documentNumber: row.number,
  sourceKind: row.source_kind,
  sourceId: row.source_id,
  action: (JSON.parse(row.action) as { kind: RuleActionKind }).kind,
  status: row.status,
  attempts: row.attempts,
  dueAt: row.due_at,
  ...(row.finished_at ? { finishedAt: row.finished_at } : {}),
  ...(row.last_error ? { reason: row.last_error } : {}),
});

function jobs(ctx: ServiceContext) {
  return ctx.db.selectFrom('automation_jobs as j').innerJoin('documents as d', 'd.id', 'j.document_id').selectAll('j').select(['d.title', 'd.number']);
}

type ServerRunRow = Selectable<ServerAutomationRunTable> & { title: string; number: string };

const serverRunOf = (row: ServerRunRow): AutomationRun => ({
  id: row.job_id,
  documentId: row.document_id,
  documentTitle: row.title,
  documentNumber: row.number,
  sourceKind: row.source_kind,
  sourceId: row.source_id,
  action: row.action as RuleActionKind,
  status: row.status,
  attempts: row.attempts,
  dueAt: row.due_at,
  finishedAt: row.finished_at,
  ...(row.reason ? { reason: row.reason } : {}),
  onServer: true,
});

/** This desktop's jobs and the company server's on the documents sent through it, newest cause first. */
export async function automationLog(ctx: ServiceContext, input: z.output<typeof automationLogInput>): Promise<AutomationRun[]> {
  let query = jobs(ctx);
  if (input.documentId) query = query.where('j.document_id', '=', input.documentId);
  if (input.status) query = query.where('j.status', '=', input.status);
  // Newest cause first; a job waiting for its time sorts by when it was written.
  const rows = await query.orderBy('j.created_at', 'desc').orderBy('j.due_at', 'desc').limit(input.limit).execute();
  let server = serverRuns(ctx);
  if (input.documentId) server = server.where('r.document_id', '=', input.documentId);
  if (input.status) server = server.where('r.status', '=', input.status as ServerAutomationRunTable['status']);
  const serverRows = await server.orderBy('r.created_at', 'desc').orderBy('r.due_at', 'desc').limit(input.limit).execute();
  const merged = [...rows.map((r) => ({ key: `${r.created_at}|${r.due_at}`, run: runOf(r) })), ...serverRows.map((r) => ({ key: `${r.created_at}|${r.due_at}`, run: serverRunOf(r) }))];
  merged.sort((a, b) => (a.key < b.key ? 1 : a.key > b.key ? -1 : 0));
  return merged.slice(0, input.limit).map((m) => m.run);
}

export async function retryAutomation(ctx: ServiceContext, id: string): Promise<AutomationRun> {
  const onServer = await serverRuns(ctx).where('r.job_id', '=', id).executeTakeFirst();
  if (onServer) return retryOnServer(ctx, onServer);
  const updated = await ctx.db
    .updateTable('automation_jobs')
    .set({ status: 'queued', attempts: 0, due_at: nowIso(ctx), finished_at: null })
    .where('id', '=', id)
    .where('status', '=', 'failed')
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) throw new AppError('VALIDATION', 'automation.log.notFailed');
  ctx.log.info('automation job queued again by hand', { id });
  ctx.events.publish({ type: 'automationChanged' });
  const row = await jobs(ctx).where('j.id', '=', id).executeTakeFirstOrThrow();
  return runOf(row);
}

function serverRuns(ctx: ServiceContext) {
  return ctx.db.selectFrom('server_automation_runs as r').innerJoin('documents as d', 'd.id', 'r.document_id').selectAll('r').select(['d.title', 'd.number']);
}

const queuedAnswer = z.object({ id: z.string(), status: z.literal('queued') });

/**
 * The server's job is tried again there (this desktop does not run that document's automation): the server queues it,
 * and its next outcome comes back through the feed like the first.
 */
async function retryOnServer(ctx: ServiceContext, run: ServerRunRow): Promise<AutomationRun> {
  if (run.status !== 'failed') throw new AppError('VALIDATION', 'automation.log.notFailed');
  const client = await companyServerClient(ctx);
  await client.call('POST', automationRetryPath(run.job_id), queuedAnswer);
  await ctx.db.updateTable('server_automation_runs').set({ status: 'queued', attempts: 0 }).where('job_id', '=', run.job_id).execute();
  ctx.log.info('a company server automation job queued again by hand', { id: run.job_id });
  ctx.events.publish({ type: 'automationChanged' });
  return serverRunOf({ ...run, status: 'queued', attempts: 0 });
}

/** The webhook's secret in the keychain; a keychain that cannot be used refuses it, and it goes nowhere else. */
export async function setWebhookSecret(ctx: ServiceContext, input: z.output<typeof webhookSecretInput>): Promise<{ name: string }> {
  await ctx.keychain.set(webhookSecretAccount(input.name), input.secret);
  ctx.log.info('webhook secret stored in the keychain', { name: input.name });
  return { name: input.name };
}

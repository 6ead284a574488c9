import type { Transaction } from 'kysely';
import { ruleActionSchema } from '../../../src-shared/automation/automation';
import type { ServerEvent } from '../../../src-shared/company-server/events';
import { checkMove } from '../../../src-shared/documents/lifecycle';
import type { DocumentSummary } from '../../../src-shared/documents/types';
import type { Database } from '../../store/schema';
import { signingFacts } from '../../sync/records/document-record';
import { localStage } from '../../sync/records/stage-record';
import type { ServiceContext } from '../context';
import { appendDocumentEvent } from '../documents/events';
import { systemActor } from '../signing/system-move';
import { handedOverCause } from '../../automation/engine/host';

/*
 * The company server's automation of a document this desktop handed to it (issue 9), written here as this desktop's
 * engine would have: a move into a stage (by a trigger, a rule, or the lifecycle as the server mirrors it) moves the
 * card, and syncs on to the other desktops; an action's outcome goes into the history, with what it changed (a tag,
 * the owner); an action the server hands back (an in-app notice, a reminder through the app, a webhook whose secret
 * is in this keychain) becomes a job of this desktop's engine, keyed by the server's job so it is run once.
 */

type Writer = (trx: Transaction<Database>) => Promise<void>;

export async function prepareServerAutomation(ctx: ServiceContext, event: ServerEvent, doc: DocumentSummary): Promise<{ write: Writer; failed?: undefined } | string> {
  const details = event.details.automation ?? {};
  const serverSeq = String(event.seq);
  if (event.type === 'stageMoved') {
    const target = details.to ? await localStage(ctx.db, details.to) : null;
    if (!target) return 'unknownStage';
    if (target.id === doc.stageId) return 'alreadyInStage';
    // Moved here since the server decided (a drag here, not yet synced there): the later move stands, and the server
    // hears of it by sync.
    const from = details.from ? await localStage(ctx.db, details.from) : null;
    if (from && from.id !== doc.stageId) return 'movedHereMeanwhile';
    // This desktop may be behind the server (its sealed file not fetched yet): the lifecycle decides here too, and
    // Signed comes with the sealed file, which moves the card there itself once it is in.
    if (!checkMove(doc.phase, target.phase as DocumentSummary['phase'], await signingFacts(ctx.db, doc.id)).ok) return 'moveRefused';
    if (target.phase === 'signed' && !(await ctx.db.selectFrom('documents').select('sealed_sha256').where('id', '=', doc.id).executeTakeFirstOrThrow()).sealed_sha256) return 'notSealedHere';
    const { from: _from, to: _to, ...why } = details;
    return {
      write: async (trx) => {
        await trx.updateTable('documents').set((eb) => ({ stage_id: target.id, updated_at: event.at, version: eb('version', '+', 1) })).where('id', '=', doc.id).execute();
        await appendDocumentEvent(trx, doc.id, { at: event.at, type: 'stageMoved', actor: systemActor, details: { ...why, from: doc.stageId, to: target.id, byServer: 'true', serverSeq } });
      },
    };
  }
  return {
    write: async (trx) => {
      if (details.outcome === 'done') await applyOutcome(trx, event, doc, details);
      await keepRun(trx, event, doc, details);
      await appendDocumentEvent(trx, doc.id, { at: event.at, type: event.type, actor: systemActor, details: { ...details, byServer: 'true', serverSeq } });
    },
  };
}

async function applyOutcome(trx: Transaction<Database>, event: ServerEvent, doc: DocumentSummary, details: Record<string, string>): Promise<void> {
  if (details.action === 'addTag' && details.tag) {
    await trx.insertInto('document_tags').values({ document_id: doc.id, tag: details.tag }).onConflict((oc) => oc.doNothing()).execute();
  }
  if (details.action === 'setOwner' && details.owner && (await trx.selectFrom('users').select('id').where('id', '=', details.owner).executeTakeFirst())) {
    await trx.updateTable('documents').set((eb) => ({ owner_id: details.owner!, updated_at: event.at, version: eb('version', '+', 1) })).where('id', '=', doc.id).execute();
  }
  if (details.delegated === 'desktop' && details.rule && details.job) await delegatedJob(trx, event, doc, details.rule, details.job, details.emailed !== undefined, details.handedAction);
}

const outcomes = new Set(['done', 'skipped', 'failed']);

/** The server job's latest outcome, for the execution log (a job tried again there comes back with its next one). */
async function keepRun(trx: Transaction<Database>, event: ServerEvent, doc: DocumentSummary, d: Record<string, string>): Promise<void> {
  const sourceKind = d.trigger ? 'trigger' : 'rule';
  const sourceId = d.trigger ?? d.rule;
  if (!d.jobId || !sourceId || !d.action || !d.outcome || !outcomes.has(d.outcome)) return;
  const values = {
    document_id: doc.id,
    source_kind: sourceKind as 'rule' | 'trigger',
    source_id: sourceId,
    action: d.action,
    status: d.outcome as 'done' | 'skipped' | 'failed',
    reason: d.reason ?? null,
    attempts: Number(d.attempts) || 1,
    due_at: d.dueAt ?? event.at,
    created_at: d.createdAt ?? event.at,
    finished_at: event.at,
  };
  await trx.insertInto('server_automation_runs').values({ job_id: d.jobId, ...values }).onConflict((oc) => oc.column('job_id').doUpdateSet(values)).execute();
}

/**
 * The server's job handed back: run by this desktop's engine, as the rule reads here (it is synced), once. A notice
 * whose e-mail the server sent already is given here in the app only.
 */
async function delegatedJob(trx: Transaction<Database>, event: ServerEvent, doc: DocumentSummary, ruleId: string, serverJob: string, mailed: boolean, handedAction: string | undefined): Promise<void> {
  // As the server ran it (the feed carries it), else as the rule reads here.
  const rule = await trx.selectFrom('automation_rules').select(['id', 'action']).where('id', '=', ruleId).executeTakeFirst();
  const stored = handedAction ?? rule?.action;
  const parsed = stored ? ruleActionSchema.safeParse(JSON.parse(stored)) : null;
  if (!parsed?.success) return;
  const action = parsed.data.kind === 'notify' && mailed ? { ...parsed.data, email: false } : parsed.data;
  await trx
    .insertInto('automation_jobs')
    .values({
      id: crypto.randomUUID(),
      idempotency_key: `server:${serverJob}`,
      document_id: doc.id,
      source_id: ruleId,
      source_kind: 'rule',
      action: JSON.stringify(action),
      condition: null,
      cause: `${handedOverCause}${event.seq}`,
      due_at: event.at,
      status: 'queued',
      attempts: 0,
      last_error: null,
      created_at: event.at,
      finished_at: null,
    })
    .onConflict((oc) => oc.column('idempotency_key').doNothing())
    .execute();
}

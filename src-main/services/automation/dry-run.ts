import { backwardNote } from '../../automation/engine/shared-executors';
import { automatedByServer } from '../../automation/handover';
import type { z } from 'zod';
import type { Rule, RuleAction, Trigger } from '../../../src-shared/automation/automation';
import { conditionHolds, type Condition } from '../../../src-shared/automation/conditions';
import type { automationDryRunInput, DryRun, DryRunStep } from '../../../src-shared/automation/runs';
import { dueAt } from '../../../src-shared/automation/schedule';
import { AppError } from '../../../src-shared/contract/errors';
import { checkMove, type Phase } from '../../../src-shared/documents/lifecycle';
import { webhookSecretAccount } from '../../automation/app-executors';
import { factsOf } from '../../automation/document-facts';
import { localTimeZone } from '../../automation/follow-event';
import { signingFacts } from '../../sync/records/document-record';
import { nowIso, type ServiceContext } from '../context';
import { readSendPlan } from '../documents/read-send-plan';
import { reminderPlan } from '../signing/reminders';
import { getAutomation } from './automation-service';
import { automaticStepsToday } from '../../automation/automation-worker';
import { sealedByServer } from '../company-server/signature-report';
import { maxAutomaticSteps } from '../../../src-shared/automation/automation';

/*
 * The dry run (issue 9, item 4): what the engine would do to one document, read from the same rules, conditions,
 * timings and lifecycle checks it uses, and nothing written — no job, no message, no history entry.
 */

type Doc = NonNullable<Awaited<ReturnType<typeof factsOf>>> & { id: string; phase: Phase; sealed: boolean };
type Preview = Pick<DryRunStep, 'outcome' | 'messageKey' | 'params'>;

export async function dryRun(ctx: ServiceContext, input: z.output<typeof automationDryRunInput>): Promise<DryRun> {
  const doc = await documentOf(ctx, input.documentId);
  const stageId = input.stageId ?? doc.stageId!;
  const stageRows = await ctx.db.selectFrom('document_stages').select(['id', 'phase', 'position']).execute();
  const stages = new Map(stageRows.map((s) => [s.id, s.phase as Phase]));
  const positions = new Map(stageRows.map((s) => [s.id, s.position]));
  if (!stages.has(stageId)) throw new AppError('NOT_FOUND', 'automation.stageNotFound');
  const { triggers, rules } = await getAutomation(ctx);
  const now = ctx.now();
  const today = nowIso(ctx).slice(0, 10);
  const holds = (condition: Condition | undefined) => !condition || conditionHolds(condition, doc, today);
  const facts = await signingFacts(ctx.db, doc.id);
  const move = (from: Phase, to: string): Preview => {
    const check = checkMove(from, stages.get(to)!, facts);
    if (!check.ok) return { outcome: 'refused', messageKey: check.messageKey, params: { stageId: to } };
    // As the engine does: a move into Signed waits for the sealed PDF.
    if (stages.get(to) === 'signed' && !doc.sealed) return { outcome: 'waitsFor', messageKey: 'automation.notSealed', params: { stageId: to } };
    return { outcome: 'wouldRun', params: { stageId: to } };
  };
  // As the engine does: a trigger moves a document back only when it allows it.
  const backward = (_from: Phase, to: string): Preview => ({ outcome: 'refused', messageKey: backwardNote, params: { stageId: to } });
  // A document stopped for looping takes no automatic step until the day is over.
  const stopped = (await automaticStepsToday(ctx.db, doc.id, now)) >= maxAutomaticSteps;

  const steps: DryRunStep[] = [];
  let waiting = false;
  for (const rule of rules.filter((r) => r.stageId === stageId && r.enabled)) {
    const base = { sourceKind: 'rule' as const, sourceId: rule.id, action: rule.action.kind, dueAt: new Date(dueAt(rule.timing, now.getTime(), localTimeZone())).toISOString() };
    if (stopped) steps.push({ ...base, outcome: 'refused', messageKey: 'automation.loopStopped' });
    else if (waiting) steps.push({ ...base, outcome: 'waitsFor' });
    else if (!holds(rule.condition)) steps.push({ ...base, outcome: 'conditionNotMet' });
    else {
      const preview = await previewRule(ctx, doc, rule, stages.get(stageId)!, move, holds);
      steps.push({ ...base, ...preview });
      // Only a wait that applies and does not hold yet holds back the rules after it.
      if (rule.action.kind === 'waitFor' && preview.outcome === 'waitsFor') waiting = true;
    }
  }
  for (const trigger of triggers.filter((t) => t.enabled)) {
    const base = { sourceKind: 'trigger' as const, sourceId: trigger.id, action: 'moveTo' as const, event: trigger.event };
    const back = !trigger.allowBack && positions.get(trigger.stageId)! < positions.get(doc.stageId!)!;
    steps.push(stopped ? { ...base, outcome: 'refused', messageKey: 'automation.loopStopped' } : { ...base, ...previewTrigger(doc, trigger, back ? backward : move, holds) });
  }
  return { documentId: doc.id, stageId, steps, ...((await automatedByServer(ctx.db, doc.id)) ? { onServer: true } : {}) };
}

async function documentOf(ctx: ServiceContext, id: string): Promise<Doc> {
  const facts = await factsOf(ctx.db, id);
  const row = await ctx.db.selectFrom('documents as d').innerJoin('document_stages as s', 's.id', 'd.stage_id').select(['s.phase', 'd.sealed_sha256']).where('d.id', '=', id).executeTakeFirst();
  if (!facts || !row) throw new AppError('NOT_FOUND', 'documents.notFound');
  return { ...facts, id, phase: row.phase as Phase, sealed: Boolean(row.sealed_sha256) };
}

function previewTrigger(doc: Doc, trigger: Trigger, move: (from: Phase, to: string) => Preview, holds: (c: Condition | undefined) => boolean): Preview {
  if (!holds(trigger.condition)) return { outcome: 'conditionNotMet' };
  if (doc.stageId === trigger.stageId) return { outcome: 'alreadyInStage', params: { stageId: trigger.stageId } };
  return move(doc.phase, trigger.stageId);
}

async function previewRule(ctx: ServiceContext, doc: Doc, rule: Rule, phase: Phase, move: (from: Phase, to: string) => Preview, holds: (c: Condition | undefined) => boolean): Promise<Preview> {
  const action: RuleAction = rule.action;
  switch (action.kind) {
    case 'moveTo':
      return move(phase, action.stageId);
    case 'sendForSignature': {
      if (doc.phase !== 'draft') return { outcome: 'wouldRun', messageKey: 'automation.send.outAlready' };
      return (await readSendPlan(ctx.db, doc.id)).order ? { outcome: 'wouldRun' } : { outcome: 'refused', messageKey: 'automation.send.noPlan' };
    }
    case 'remind': {
      const plan = await reminderPlan(ctx, { id: doc.id }).catch(() => undefined);
      if (!plan || plan.remindable.length === 0) return { outcome: 'refused', messageKey: 'signing.reminder.nobody' };
      return { outcome: 'wouldRun', params: { to: plan.remindable.map((r) => r.name).join(', ') } };
    }
    case 'notify': {
      const user = await ctx.db.selectFrom('users').select(['name', 'email']).where('id', '=', action.userId).executeTakeFirst();
      return user ? { outcome: 'wouldRun', params: { to: user.name, ...(action.email && user.email ? { email: user.email } : {}) } } : { outcome: 'refused', messageKey: 'employees.notFound' };
    }
    case 'emailSealed': {
      if (!doc.sealed) return { outcome: 'refused', messageKey: 'automation.notSealed' };
      // The company server mailed the parties of a document it sealed: only the rule's own addresses go from here.
      const byServer = action.toParties && (await sealedByServer(ctx.db, doc.id));
      const to = [...action.to, ...(action.toParties && !byServer ? ['parties'] : [])].join(', ');
      return { outcome: 'wouldRun', ...(byServer ? { messageKey: 'automation.dryRun.partiesByServer' } : {}), params: to ? { to } : {} };
    }
    case 'webhook':
      return (await ctx.keychain.get(webhookSecretAccount(action.secretName))) ? { outcome: 'wouldRun', params: { url: action.url } } : { outcome: 'refused', messageKey: 'automation.webhook.noSecret' };
    case 'waitFor':
      return holds(action.condition) ? { outcome: 'wouldRun' } : { outcome: 'waitsFor' };
    case 'addTag':
      return { outcome: 'wouldRun', params: { tag: action.tag } };
    case 'setOwner':
      return { outcome: 'wouldRun', params: { userId: action.userId } };
  }
}

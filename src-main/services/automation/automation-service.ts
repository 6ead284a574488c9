import type { Transaction } from 'kysely';
import type { z } from 'zod';
import type { AutomationView, ruleInputSchema, triggerInputSchema } from '../../../src-shared/automation/automation';
import { AppError } from '../../../src-shared/contract/errors';
import type { Database } from '../../store/schema';
import { ruleOf, triggerOf } from '../../automation/automation-rows';
import { nowIso, type ServiceContext } from '../context';

/*
 * The Automation section's store (issue 9): triggers and rules by stage, checked by the shared schemas on the way in
 * (the contract) and on the way out (a row that no longer reads is left out and logged, never shown half). Who may
 * change them is `automation.manage`, checked by the one authorization step before any of this runs.
 */

const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));

export async function getAutomation(ctx: ServiceContext): Promise<AutomationView> {
  const [triggers, rules] = await Promise.all([
    ctx.db.selectFrom('automation_triggers as t').innerJoin('document_stages as s', 's.id', 't.stage_id').selectAll('t').orderBy('s.position').orderBy('t.id').execute(),
    ctx.db.selectFrom('automation_rules as r').innerJoin('document_stages as s', 's.id', 'r.stage_id').selectAll('r').orderBy('s.position').orderBy('r.position').orderBy('r.id').execute(),
  ]);
  const read = <R extends { id: string }, T>(rows: R[], of: (row: R) => T | null, kind: string) =>
    rows.flatMap((row) => {
      const item = of(row);
      if (!item) ctx.log.warn('automation entry that no longer reads left out', { kind, id: row.id });
      return item ? [item] : [];
    });
  return { triggers: read(triggers, triggerOf, 'trigger'), rules: read(rules, ruleOf, 'rule') };
}

async function requireStage(trx: Transaction<Database>, id: string): Promise<void> {
  if (!(await trx.selectFrom('document_stages').select('id').where('id', '=', id).executeTakeFirst())) throw new AppError('NOT_FOUND', 'automation.stageNotFound');
}

export async function saveTrigger(ctx: ServiceContext, input: z.output<typeof triggerInputSchema>): Promise<AutomationView> {
  const id = input.id ?? ctx.newId();
  await ctx.db.transaction().execute(async (trx) => {
    await requireStage(trx, input.stageId);
    const values = { stage_id: input.stageId, event: input.event, name: input.name ?? null, condition: json(input.condition), enabled: input.enabled ? 1 : 0, allow_back: input.allowBack ? 1 : 0, updated_at: nowIso(ctx) };
    await upsert(
      Boolean(input.id),
      () => trx.insertInto('automation_triggers').values({ id, ...values }).execute(),
      () => trx.updateTable('automation_triggers').set(values).where('id', '=', id).executeTakeFirst(),
    );
  });
  ctx.log.info('automation trigger saved', { id, stage: input.stageId, event: input.event });
  return getAutomation(ctx);
}

export async function saveRule(ctx: ServiceContext, input: z.output<typeof ruleInputSchema>): Promise<AutomationView> {
  const id = input.id ?? ctx.newId();
  await ctx.db.transaction().execute(async (trx) => {
    await requireStage(trx, input.stageId);
    const action = input.action;
    if (action.kind === 'moveTo') {
      await requireStage(trx, action.stageId);
      // Entering a stage that moves the document into itself would run the rule again at once, forever.
      if (action.stageId === input.stageId) throw new AppError('VALIDATION', 'automation.rules.moveToOwnStage');
    }
    if (action.kind === 'notify' || action.kind === 'setOwner') {
      if (!(await trx.selectFrom('users').select('id').where('id', '=', action.userId).executeTakeFirst())) throw new AppError('NOT_FOUND', 'employees.notFound');
    }
    const last = await trx.selectFrom('automation_rules').select((eb) => eb.fn.max('position').as('p')).where('stage_id', '=', input.stageId).executeTakeFirst();
    const position = input.position ?? (last?.p === null || last?.p === undefined ? 0 : Number(last.p) + 1);
    const values = { stage_id: input.stageId, position, name: input.name ?? null, action: JSON.stringify(action), timing: JSON.stringify(input.timing), condition: json(input.condition), enabled: input.enabled ? 1 : 0, updated_at: nowIso(ctx) };
    await upsert(
      Boolean(input.id),
      () => trx.insertInto('automation_rules').values({ id, ...values }).execute(),
      () => trx.updateTable('automation_rules').set(values).where('id', '=', id).executeTakeFirst(),
    );
  });
  ctx.log.info('automation rule saved', { id, stage: input.stageId, action: input.action.kind });
  return getAutomation(ctx);
}

/** An update of an entry that is not there (deleted in another window) is NOT_FOUND, not a new one. */
async function upsert(existing: boolean, insert: () => Promise<unknown>, update: () => Promise<{ numUpdatedRows: bigint }>): Promise<void> {
  if (!existing) {
    await insert();
    return;
  }
  if (Number((await update()).numUpdatedRows) !== 1) throw new AppError('NOT_FOUND', 'automation.notFound');
}

export async function deleteAutomation(ctx: ServiceContext, table: 'automation_triggers' | 'automation_rules', id: string): Promise<AutomationView> {
  const result = await ctx.db.deleteFrom(table).where('id', '=', id).executeTakeFirst();
  if (Number(result.numDeletedRows) !== 1) throw new AppError('NOT_FOUND', 'automation.notFound');
  ctx.log.info('automation entry deleted', { table, id });
  return getAutomation(ctx);
}

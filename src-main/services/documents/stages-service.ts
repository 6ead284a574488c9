import { sql } from 'kysely';
import { AppError } from '../../../src-shared/contract/errors';
import type { Phase } from '../../../src-shared/documents/lifecycle';
import { checkStageOrder, phaseForStageAfter, type DefaultStageKey, type Stage } from '../../../src-shared/documents/stages';
import { currentUser } from '../app/app-service';
import { nowIso, type ServiceContext } from '../context';
import { appendDocumentEvent } from './events';

export async function listStages(ctx: ServiceContext): Promise<Stage[]> {
  const rows = await ctx.db.selectFrom('document_stages').selectAll().orderBy('position').execute();
  return rows.map((r) => ({
    id: r.id,
    ...(r.key ? { key: r.key as DefaultStageKey } : {}),
    ...(r.name ? { name: r.name } : {}),
    color: r.color,
    position: r.position,
    phase: r.phase as Phase,
  }));
}

/** A stage of the company's own, right after `afterId`, in that stage's phase ("Legal review" after Draft is a draft stage). */
export async function addStage(ctx: ServiceContext, input: { afterId: string; name: string; color: string }): Promise<Stage[]> {
  const stages = await listStages(ctx);
  const index = stages.findIndex((s) => s.id === input.afterId);
  if (index < 0) throw new AppError('NOT_FOUND', 'stages.notFound');
  const phase = phaseForStageAfter(stages[index]!);
  if (!phase) throw new AppError('VALIDATION', 'stages.notAmongExits');
  const next = stages[index + 1];
  const position = next ? Math.floor((stages[index]!.position + next.position) / 2) : stages[index]!.position + 1000;
  if (position === stages[index]!.position) throw new AppError('VALIDATION', 'stages.noRoom');
  await ctx.db.insertInto('document_stages').values({ id: ctx.newId(), key: null, name: input.name, color: input.color, position, phase }).execute();
  return changed(ctx);
}

export async function updateStage(ctx: ServiceContext, input: { id: string; name?: string | null | undefined; color?: string | undefined }): Promise<Stage[]> {
  if (input.name === null) {
    // Only a stage Signet made has a name of its own to go back to.
    const stage = await ctx.db.selectFrom('document_stages').select('key').where('id', '=', input.id).executeTakeFirst();
    if (stage && !stage.key) throw new AppError('VALIDATION', 'stages.nameRequired');
  }
  const result = await ctx.db
    .updateTable('document_stages')
    .set({ ...(input.name !== undefined ? { name: input.name } : {}), ...(input.color !== undefined ? { color: input.color } : {}) })
    .where('id', '=', input.id)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw new AppError('NOT_FOUND', 'stages.notFound');
  return changed(ctx);
}

/** A new board order: every stage once, and the lifecycle's order kept (no draft stage after a signed one). */
export async function reorderStages(ctx: ServiceContext, ids: readonly string[]): Promise<Stage[]> {
  const stages = await listStages(ctx);
  if (ids.length !== stages.length || new Set(ids).size !== ids.length || !stages.every((s) => ids.includes(s.id))) {
    throw new AppError('VALIDATION', 'stages.orderIncomplete');
  }
  const reordered = ids.map((id, i) => ({ ...stages.find((s) => s.id === id)!, position: (i + 1) * 1000 }));
  const problem = checkStageOrder(reordered);
  if (problem) throw new AppError('VALIDATION', problem);
  await ctx.db.transaction().execute(async (trx) => {
    for (const s of reordered) await trx.updateTable('document_stages').set({ position: s.position }).where('id', '=', s.id).execute();
  });
  return changed(ctx);
}

/**
 * Removes a stage. One that holds documents needs a stage of the same phase to take them (moving them elsewhere would be
 * a lifecycle move nobody made); the last stage of a phase stays.
 */
export async function deleteStage(ctx: ServiceContext, input: { id: string; moveTo?: string | undefined }): Promise<Stage[]> {
  const stages = await listStages(ctx);
  const stage = stages.find((s) => s.id === input.id);
  if (!stage) throw new AppError('NOT_FOUND', 'stages.notFound');
  if (checkStageOrder(stages.filter((s) => s.id !== stage.id))) throw new AppError('VALIDATION', 'stages.phaseWithoutStage');
  const held = await ctx.db.selectFrom('documents').select((eb) => eb.fn.countAll<number>().as('n')).where('stage_id', '=', stage.id).executeTakeFirstOrThrow();
  const count = Number(held.n);
  const target = input.moveTo ? stages.find((s) => s.id === input.moveTo) : undefined;
  if (count > 0 && !target) throw new AppError('IN_USE', 'stages.holdsDocuments', { count, candidates: stages.filter((s) => s.phase === stage.phase && s.id !== stage.id).map((s) => s.id) });
  if (target && (target.phase !== stage.phase || target.id === stage.id)) throw new AppError('VALIDATION', 'stages.moveToSamePhase');
  const user = await currentUser(ctx);
  const at = nowIso(ctx);
  const movedIds = await ctx.db.transaction().execute(async (trx) => {
    // Each document's history says where it went and why: a stage move like any other.
    const moved = target ? await trx.selectFrom('documents').select('id').where('stage_id', '=', stage.id).execute() : [];
    if (target) {
      await trx.updateTable('documents').set((eb) => ({ stage_id: target.id, updated_at: at, version: eb('version', '+', 1) })).where('stage_id', '=', stage.id).execute();
      for (const doc of moved) {
        await appendDocumentEvent(trx, doc.id, { at, type: 'stageMoved', actor: user.name, details: { from: stage.id, to: target.id, by: user.id, reason: 'stageDeleted' } });
      }
    }
    // A rule elsewhere that moved documents into it can no longer: turned off (kept, to be pointed elsewhere).
    await trx.updateTable('automation_rules').set({ enabled: 0, updated_at: at }).where(sql<boolean>`json_extract(action, '$.kind') = 'moveTo' and json_extract(action, '$.stageId') = ${stage.id}`).execute();
    await trx.deleteFrom('document_stages').where('id', '=', stage.id).execute();
    return moved.map((d) => d.id);
  });
  if (movedIds.length) ctx.events.publish({ type: 'documentsChanged', ids: movedIds });
  return changed(ctx);
}

/** Every open board redraws its columns after a stage changed. */
async function changed(ctx: ServiceContext): Promise<Stage[]> {
  ctx.events.publish({ type: 'stagesChanged' });
  return listStages(ctx);
}

import { phaseForStageAfter, type Stage } from '../../../src-shared/documents/stages';

export type StageMove = { ok: true; ids: string[] } | { ok: false; messageKey: string };

/**
 * The board order after moving one stage a place up (-1) or down (+1). Stages of a phase stand together, so swapping
 * with a neighbour of another phase always breaks the lifecycle's order: it is refused here, with the service's own
 * message, instead of being sent only to come back refused.
 */
export function moveStage(stages: readonly Stage[], id: string, delta: -1 | 1): StageMove {
  const index = stages.findIndex((s) => s.id === id);
  const neighbour = stages[index + delta];
  if (index < 0 || !neighbour) return { ok: false, messageKey: 'stagesUi.move.atEdge' };
  if (neighbour.phase !== stages[index]!.phase) return { ok: false, messageKey: 'stages.orderBreaksLifecycle' };
  const ids = stages.map((s) => s.id);
  [ids[index], ids[index + delta]] = [ids[index + delta]!, ids[index]!];
  return { ok: true, ids };
}

/** Exit stages (Declined, Cancelled, Expired) stand apart from the flow: nothing is added after them. */
export const canAddAfter = (stage: Stage): boolean => phaseForStageAfter(stage) !== null;

/** The stages that may take a deleted stage's documents, as the service named them, in board order. */
export function candidateStages(stages: readonly Stage[], details: Record<string, unknown> | undefined): Stage[] {
  const ids = Array.isArray(details?.candidates) ? details.candidates.filter((c): c is string => typeof c === 'string') : [];
  return stages.filter((s) => ids.includes(s.id));
}

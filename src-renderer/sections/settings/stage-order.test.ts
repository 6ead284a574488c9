import { describe, expect, it } from 'vitest';
import type { Stage } from '../../../src-shared/documents/stages';
import { candidateStages, canAddAfter, moveStage } from './stage-order';

const stage = (id: string, phase: Stage['phase'], position: number): Stage => ({ id, phase, position, color: '#000000' });
const stages = [stage('draft', 'draft', 1000), stage('legal', 'draft', 1500), stage('company', 'companySigning', 2000), stage('expired', 'expired', 3000)];

describe('moveStage', () => {
  it('swaps two stages of the same phase', () => {
    expect(moveStage(stages, 'legal', -1)).toEqual({ ok: true, ids: ['legal', 'draft', 'company', 'expired'] });
    expect(moveStage(stages, 'draft', 1)).toEqual({ ok: true, ids: ['legal', 'draft', 'company', 'expired'] });
  });

  it('refuses a move into another phase with the lifecycle message', () => {
    expect(moveStage(stages, 'legal', 1)).toEqual({ ok: false, messageKey: 'stages.orderBreaksLifecycle' });
    expect(moveStage(stages, 'company', -1)).toEqual({ ok: false, messageKey: 'stages.orderBreaksLifecycle' });
  });

  it('refuses a move past either end', () => {
    expect(moveStage(stages, 'draft', -1)).toEqual({ ok: false, messageKey: 'stagesUi.move.atEdge' });
    expect(moveStage(stages, 'expired', 1)).toEqual({ ok: false, messageKey: 'stagesUi.move.atEdge' });
  });
});

describe('canAddAfter / candidateStages', () => {
  it('offers adding only within the flow', () => {
    expect(canAddAfter(stages[1]!)).toBe(true);
    expect(canAddAfter(stages[3]!)).toBe(false);
  });

  it('keeps the candidates the service named, in board order, ignoring anything else', () => {
    expect(candidateStages(stages, { candidates: ['legal', 'draft', 7] }).map((s) => s.id)).toEqual(['draft', 'legal']);
    expect(candidateStages(stages, undefined)).toEqual([]);
  });
});

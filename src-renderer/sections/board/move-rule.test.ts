import { describe, expect, it } from 'vitest';
import { canMoveAnywhere, moveTargets, type MoveRule } from './move-rule';

const stages = [{ id: 'draft' }, { id: 'legal' }, { id: 'signed' }];
const mine = { stageId: 'draft', ownerId: 'me', department: undefined };
const theirs = { stageId: 'draft', ownerId: 'other', department: 'Sales' };
const rule = (overall: MoveRule['overall'], stageMoves: MoveRule['stageMoves'] = {}, department: string | null = null): MoveRule => ({ subject: { userId: 'me', department }, overall, stageMoves });

describe('move rule', () => {
  it('offers no stage without the right, and never the stage the document is in', () => {
    expect(canMoveAnywhere(rule('none'), mine, stages.map((s) => s.id))).toBe(false);
    expect(moveTargets(rule('all'), mine, stages).map((s) => s.id)).toEqual(['legal', 'signed']);
  });

  it('keeps an own level to the employee’s documents and a department level to their department', () => {
    expect(moveTargets(rule('own'), theirs, stages)).toEqual([]);
    expect(moveTargets(rule('department', {}, 'Sales'), theirs, stages).map((s) => s.id)).toEqual(['legal', 'signed']);
    expect(moveTargets(rule('department', {}, 'Legal'), theirs, stages)).toEqual([]);
  });

  it('lets a stage’s own level narrow or widen the overall one', () => {
    expect(moveTargets(rule('all', { signed: 'none' }), mine, stages).map((s) => s.id)).toEqual(['legal']);
    expect(moveTargets(rule('none', { legal: 'own' }), mine, stages).map((s) => s.id)).toEqual(['legal']);
    expect(canMoveAnywhere(rule('none', { legal: 'own' }), theirs, stages.map((s) => s.id))).toBe(false);
  });
});

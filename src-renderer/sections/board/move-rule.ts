import type { Stage } from '../../../src-shared/documents/stages';
import type { DocumentSummary } from '../../../src-shared/documents/types';
import type { AccessLevel } from '../../../src-shared/permissions/actions';
import type { Subject } from '../../../src-shared/permissions/policy';
import { reachesDocument } from '../../state/document-reach';

/**
 * What the board needs to know to offer a move, from `app.info`: the employee's overall `documents.move` level and
 * the stages whose own level differs. It decides only what is offered; the services judge every move.
 */
export interface MoveRule {
  subject: Subject;
  overall: AccessLevel;
  stageMoves: Readonly<Record<string, AccessLevel>>;
}

type MovedDocument = Pick<DocumentSummary, 'stageId' | 'ownerId' | 'department'>;

export function moveLevel(rule: MoveRule, stageId: string): AccessLevel {
  return rule.stageMoves[stageId] ?? rule.overall;
}

/** The stages the employee may move `doc` into: another stage whose level reaches the document. */
export function moveTargets<S extends Pick<Stage, 'id'>>(rule: MoveRule, doc: MovedDocument, stages: readonly S[]): S[] {
  return stages.filter((s) => mayMoveInto(rule, doc, s.id));
}

function mayMoveInto(rule: MoveRule, doc: MovedDocument, stageId: string): boolean {
  return stageId !== doc.stageId && reachesDocument(rule.subject, moveLevel(rule, stageId), doc);
}

/** Whether `doc` may go into any of `stageIds`: what makes a card draggable. */
export function canMoveAnywhere(rule: MoveRule, doc: MovedDocument, stageIds: readonly string[]): boolean {
  return stageIds.some((id) => mayMoveInto(rule, doc, id));
}

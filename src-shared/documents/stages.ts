import { exitPhases, phases, type Phase } from './lifecycle';

/** The stages a new company starts with, in board order; their names come from the catalogues until renamed. */
export const defaultStageKeys = ['draft', 'waitingCompany', 'sentCounterparty', 'signed', 'archived', 'declined', 'cancelled', 'expired'] as const;
export type DefaultStageKey = (typeof defaultStageKeys)[number];

export const defaultStages: readonly { key: DefaultStageKey; phase: Phase; color: string }[] = [
  { key: 'draft', phase: 'draft', color: '#64748b' },
  { key: 'waitingCompany', phase: 'companySigning', color: '#d97706' },
  { key: 'sentCounterparty', phase: 'counterpartySigning', color: '#2563eb' },
  { key: 'signed', phase: 'signed', color: '#16a34a' },
  { key: 'archived', phase: 'archived', color: '#475569' },
  { key: 'declined', phase: 'declined', color: '#dc2626' },
  { key: 'cancelled', phase: 'cancelled', color: '#9ca3af' },
  { key: 'expired', phase: 'expired', color: '#a16207' },
];

export interface Stage {
  id: string;
  /** Set for the stages Signet made; a renamed default stage keeps its key (and so its translations until renamed). */
  key?: DefaultStageKey | undefined;
  /** The administrator's name for it; absent while a default stage keeps its translated name. */
  name?: string | undefined;
  color: string;
  position: number;
  phase: Phase;
}

const rank = (phase: Phase) => phases.indexOf(phase);

/**
 * The phase a stage added right after `previous` belongs to: the same as its neighbour's, so "Legal review" added after
 * Draft is a draft stage. Exit stages stand apart from the flow, so nothing is added among them.
 */
export function phaseForStageAfter(previous: Pick<Stage, 'phase'>): Phase | null {
  return (exitPhases as readonly Phase[]).includes(previous.phase) ? null : previous.phase;
}

/**
 * A board order keeps the lifecycle's order: every stage of a phase stands before every stage of a later phase, so a
 * card moved rightwards never travels back in time. Returns the message key of what is wrong, or null.
 */
export function checkStageOrder(stages: readonly Pick<Stage, 'phase' | 'position'>[]): string | null {
  const ordered = [...stages].sort((a, b) => a.position - b.position);
  for (let i = 1; i < ordered.length; i++) if (rank(ordered[i]!.phase) < rank(ordered[i - 1]!.phase)) return 'stages.orderBreaksLifecycle';
  // Every phase keeps a column: a document that expires or is declined must have somewhere to go.
  for (const phase of phases) if (!stages.some((s) => s.phase === phase)) return 'stages.phaseWithoutStage';
  return null;
}

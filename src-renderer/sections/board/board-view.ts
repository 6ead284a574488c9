import type { Stage } from '../../../src-shared/documents/stages';
import type { BoardView } from '../../../src-shared/documents/view';

/**
 * The employee's column order over the company's: stages they placed come first in their order, stages they never
 * placed (added later by the administrator) keep the company's order after them.
 */
export function inViewOrder<T>(items: readonly T[], stageOf: (item: T) => Pick<Stage, 'id'>, stageOrder: readonly string[]): T[] {
  const rank = new Map(stageOrder.map((id, i) => [id, i]));
  const placed = (item: T) => rank.get(stageOf(item).id) ?? Number.MAX_SAFE_INTEGER;
  // Array.prototype.sort is stable, so the unplaced ones keep the company's order among themselves.
  return [...items].sort((a, b) => placed(a) - placed(b));
}

export function shownInView<T>(items: readonly T[], stageOf: (item: T) => Pick<Stage, 'id'>, view: Pick<BoardView, 'stageOrder' | 'hiddenStageIds'>): T[] {
  const hidden = new Set(view.hiddenStageIds);
  return inViewOrder(items, stageOf, view.stageOrder).filter((item) => !hidden.has(stageOf(item).id));
}

/** The full order after moving one stage a step up (-1) or down (+1); stored whole so later stages cannot reshuffle it. */
export function stepInOrder(orderedIds: readonly string[], id: string, step: -1 | 1): string[] {
  const next = [...orderedIds];
  const from = next.indexOf(id);
  const to = from + step;
  if (from < 0 || to < 0 || to >= next.length) return next;
  [next[from], next[to]] = [next[to]!, next[from]!];
  return next;
}

/**
 * An amount typed in major units ("1500", "1 500,50", "1500.5") as minor units, exact to the grosz; `undefined` for
 * an empty box, `null` for text that is not an amount. Two fraction digits: every currency a contract may be in has
 * them, and the filter compares amounts across currencies.
 */
export function minorFromText(text: string): number | undefined | null {
  const compact = text.replace(/[\s\u00a0]/g, '').replace(',', '.');
  if (compact === '') return undefined;
  const match = /^(\d{1,13})(?:\.(\d{1,2}))?$/.exec(compact);
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

export function textFromMinor(minor: number | undefined): string {
  if (minor === undefined) return '';
  const fraction = minor % 100;
  return fraction === 0 ? String(minor / 100) : `${Math.floor(minor / 100)}.${String(fraction).padStart(2, '0')}`;
}

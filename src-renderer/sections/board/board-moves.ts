import type { BoardColumn, DocumentSummary } from '../../../src-shared/documents/types';

export interface CardPlace {
  stageId: string;
  index: number;
}

/** Where a card is on the board now, or null when no loaded column shows it. */
export function placeOf(columns: readonly BoardColumn[], cardId: string): CardPlace | null {
  for (const column of columns) {
    const index = column.cards.findIndex((c) => c.id === cardId);
    if (index >= 0) return { stageId: column.stage.id, index };
  }
  return null;
}

function withAmount(sums: BoardColumn['sums'], card: DocumentSummary, sign: 1 | -1): BoardColumn['sums'] {
  if (card.amountMinor === undefined || !card.currency) return sums;
  const currency = card.currency;
  const found = sums.some((s) => s.currency === currency);
  const next = found ? sums.map((s) => (s.currency === currency ? { ...s, amountMinor: s.amountMinor + sign * card.amountMinor! } : s)) : [...sums, { currency, amountMinor: sign * card.amountMinor }];
  // A currency whose last amount left the column is no longer listed there, as the main side would not list it.
  return sortedSums(sign === -1 ? next.filter((s) => s.currency !== currency || s.amountMinor !== 0) : next);
}

/** Sums in one order (by currency code) whatever the query returned, so a move and its undo give the same column. */
const sortedSums = (sums: BoardColumn['sums']) => [...sums].sort((a, b) => a.currency.localeCompare(b.currency));

export function withSortedSums(columns: readonly BoardColumn[]): BoardColumn[] {
  return columns.map((c) => ({ ...c, sums: sortedSums(c.sums) }));
}

/**
 * The board with one card taken out of its column and put into `to` (which may be the same column), counts and sums
 * following it. Used both for the optimistic move and to put a refused card back where it was. `replacement` is the
 * card as the main side returned it (new version and phase).
 */
export function moveCard(columns: readonly BoardColumn[], cardId: string, to: CardPlace, replacement?: DocumentSummary): BoardColumn[] {
  const from = placeOf(columns, cardId);
  if (!from) return [...columns];
  const card = columns.find((c) => c.stage.id === from.stageId)!.cards[from.index]!;
  const moved = { ...(replacement ?? card), stageId: to.stageId };
  return columns.map((column) => {
    let next = column;
    if (column.stage.id === from.stageId) {
      next = { ...next, cards: next.cards.filter((c) => c.id !== cardId), count: next.count - 1, sums: withAmount(next.sums, card, -1) };
    }
    if (column.stage.id === to.stageId) {
      const cards = [...next.cards];
      cards.splice(Math.min(to.index, cards.length), 0, moved);
      next = { ...next, cards, count: next.count + 1, sums: withAmount(next.sums, moved, 1) };
    }
    return next;
  });
}

/** The board with one card replaced in place (the main side's answer after a move: new version, new phase). */
export function replaceCard(columns: readonly BoardColumn[], card: DocumentSummary): BoardColumn[] {
  return columns.map((column) => (column.cards.some((c) => c.id === card.id) ? { ...column, cards: column.cards.map((c) => (c.id === card.id ? card : c)) } : column));
}

/** A column's next page appended, leaving out cards it already shows (a card moved in meanwhile shifts the pages). */
export function appendPage(columns: readonly BoardColumn[], stageId: string, page: readonly DocumentSummary[]): BoardColumn[] {
  return columns.map((column) => {
    if (column.stage.id !== stageId) return column;
    const known = new Set(column.cards.map((c) => c.id));
    return { ...column, cards: [...column.cards, ...page.filter((c) => !known.has(c.id))] };
  });
}

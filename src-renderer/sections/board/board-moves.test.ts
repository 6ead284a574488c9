import { describe, expect, it } from 'vitest';
import type { BoardColumn, DocumentSummary } from '../../../src-shared/documents/types';
import { appendPage, moveCard, placeOf, withSortedSums } from './board-moves';

const doc = (id: string, stageId: string, amountMinor?: number, currency?: string): DocumentSummary => ({
  id, title: id, number: id, stageId, phase: 'draft', amountMinor, currency, ownerId: 'u', ownerName: 'U', tags: [], signers: [], createdAt: '', updatedAt: '', version: 1,
});
const col = (id: string, cards: DocumentSummary[], sums: BoardColumn['sums'], count = cards.length): BoardColumn => ({
  stage: { id, color: '#000', position: 0, phase: 'draft' }, count, sums, cards,
});

/** As the store keeps it: sums in currency order (withSortedSums), whatever order the query gave. */
const board = (): BoardColumn[] =>
  withSortedSums([
    col('a', [doc('1', 'a', 500, 'PLN'), doc('2', 'a', 100, 'EUR'), doc('3', 'a')], [{ currency: 'PLN', amountMinor: 500 }, { currency: 'EUR', amountMinor: 100 }], 5),
    col('b', [doc('4', 'b', 200, 'PLN')], [{ currency: 'PLN', amountMinor: 200 }]),
  ]);

describe('moveCard', () => {
  it('moves a card with its count and its amount, dropping a currency the column no longer holds', () => {
    const moved = moveCard(board(), '2', { stageId: 'b', index: 0 });
    expect(moved[0]!.cards.map((c) => c.id)).toEqual(['1', '3']);
    expect(moved[0]!.count).toBe(4);
    expect(moved[0]!.sums).toEqual([{ currency: 'PLN', amountMinor: 500 }]);
    expect(moved[1]!.cards.map((c) => [c.id, c.stageId])).toEqual([['2', 'b'], ['4', 'b']]);
    expect(moved[1]!.count).toBe(2);
    expect(moved[1]!.sums).toEqual([{ currency: 'EUR', amountMinor: 100 }, { currency: 'PLN', amountMinor: 200 }]);
  });

  it('moving it back to where it was restores the board exactly (a refused move)', () => {
    const before = board();
    for (const id of ['1', '2']) {
      const place = placeOf(before, id)!;
      const there = moveCard(before, id, { stageId: 'b', index: 1 });
      expect(moveCard(there, id, place, before[0]!.cards[place.index])).toEqual(before);
    }
  });

  it('leaves the board as it is for a card it does not show', () => {
    expect(moveCard(board(), 'nope', { stageId: 'b', index: 0 })).toEqual(board());
  });
});

describe('appendPage', () => {
  it('adds the next page without repeating a card already shown', () => {
    const next = appendPage(board(), 'a', [doc('3', 'a'), doc('5', 'a')]);
    expect(next[0]!.cards.map((c) => c.id)).toEqual(['1', '2', '3', '5']);
  });
});

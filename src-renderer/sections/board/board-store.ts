import { create } from 'zustand';
import type { BoardColumn, DocumentFilter, DocumentSummary } from '../../../src-shared/documents/types';
import { api } from '../../api';
import { appendPage, moveCard, placeOf, replaceCard, withSortedSums } from './board-moves';

/** Cards per column per request: the first page comes with `board.get`, further ones with "Show more". */
export const boardPageSize = 30;

export type MoveOutcome = { ok: true; card: DocumentSummary } | { ok: false; error: unknown };

interface BoardState {
  /** Only the text search for now; the per-user filters of a later step fill in the rest of DocumentFilter. */
  filter: Pick<DocumentFilter, 'query'>;
  columns: BoardColumn[];
  loading: boolean;
  error: unknown;
  /** Moves sent and not yet answered: the board is busy (aria-busy) until the main side has them all. */
  savingMoves: number;
  load(): Promise<void>;
  setQuery(query: string): Promise<void>;
  loadMore(stageId: string): Promise<void>;
  move(cardId: string, toStageId: string, toIndex: number): Promise<MoveOutcome>;
}

const fullFilter = (filter: BoardState['filter']): DocumentFilter => ({ mine: false, ...filter });

/** Each load carries a number: an answer to an older request (the search box typed on) is dropped. */
let loadSeq = 0;

export const useBoardStore = create<BoardState>()((set, get) => ({
  filter: { query: '' },
  columns: [],
  loading: false,
  error: null,
  savingMoves: 0,

  async load() {
    const seq = ++loadSeq;
    set({ loading: true, error: null });
    try {
      const board = await api.call('board.get', { filter: fullFilter(get().filter), pageSize: boardPageSize });
      if (seq === loadSeq) set({ columns: withSortedSums(board.columns), loading: false });
    } catch (error) {
      if (seq === loadSeq) set({ error, loading: false });
    }
  },

  async setQuery(query) {
    set({ filter: { ...get().filter, query } });
    await get().load();
  },

  async loadMore(stageId) {
    const column = get().columns.find((c) => c.stage.id === stageId);
    if (!column) return;
    const page = await api.call('board.column', { stageId, filter: fullFilter(get().filter), offset: column.cards.length, limit: boardPageSize });
    set({ columns: appendPage(get().columns, stageId, page) });
  },

  /**
   * Moves the card at once (the board never waits on the drop), then asks the main side. A refusal puts the card
   * back where it was and hands the reason to the caller to show.
   */
  async move(cardId, toStageId, toIndex) {
    const before = placeOf(get().columns, cardId);
    const card = get().columns.flatMap((c) => c.cards).find((c) => c.id === cardId);
    if (!before || !card) return { ok: false, error: new Error('card not on the board') };
    set({ columns: moveCard(get().columns, cardId, { stageId: toStageId, index: toIndex }), savingMoves: get().savingMoves + 1 });
    try {
      const moved = await api.call('documents.move', { id: cardId, stageId: toStageId, version: card.version });
      set({ columns: replaceCard(get().columns, moved) });
      return { ok: true, card: moved };
    } catch (error) {
      set({ columns: moveCard(get().columns, cardId, before, card) });
      return { ok: false, error };
    } finally {
      set({ savingMoves: get().savingMoves - 1 });
    }
  },
}));

import { create } from 'zustand';
import type { BoardColumn, DocumentSummary } from '../../../src-shared/documents/types';
import { defaultBoardView, type BoardView } from '../../../src-shared/documents/view';
import { api } from '../../api';
import { appendPage, moveCard, placeOf, replaceCard, withSortedSums } from './board-moves';

/** Cards per column per request: the first page comes with `board.get`, further ones with "Show more". */
export const boardPageSize = 30;
/** The most `board.get` gives per column: a live refresh asks for as many as a column shows, up to this. */
const maxPageSize = 200;

export type MoveOutcome = { ok: true; card: DocumentSummary } | { ok: false; error: unknown };

interface BoardState {
  /** The signed-in employee's own view; its filter, sort and order drive every query below. */
  view: BoardView;
  /** Bumped when the view is replaced wholesale (loaded, reset): the filters bar then starts again from it. */
  viewRevision: number;
  columns: BoardColumn[];
  loading: boolean;
  error: unknown;
  /** Moves sent and not yet answered: the board is busy (aria-busy) until the main side has them all. */
  savingMoves: number;
  /** A card is lifted: a live refresh waits, so the library never sees its columns change under the drag. */
  dragging: boolean;
  /** Loads the employee's view, then the board with it. */
  open(): Promise<void>;
  load(): Promise<void>;
  /** A live update: the same board re-fetched quietly, as many cards per column as are shown. */
  refresh(): Promise<void>;
  /** Changes and saves the view; a change of filter or order reloads the board. */
  updateView(patch: Partial<BoardView>): Promise<void>;
  resetView(): Promise<void>;
  setDragging(dragging: boolean): void;
  loadMore(stageId: string): Promise<void>;
  move(cardId: string, toStageId: string, toIndex: number): Promise<MoveOutcome>;
}

/** Each load carries a number: an answer to an older request (the search box typed on) is dropped. */
let loadSeq = 0;
/** A refresh asked for while a drag or a move was under way, to run once they are over. */
let refreshPending = false;
/** Saves go one after another, so the last change made is the one stored. */
let saving: Promise<unknown> = Promise.resolve();

const queryOf = (view: BoardView) => ({ filter: view.filter, sort: view.sort, descending: view.descending });
/** The list follows live changes while it is shown and the board does not, so going back to the board reloads it. */
const reloads = (patch: Partial<BoardView>) => 'filter' in patch || 'sort' in patch || 'descending' in patch || patch.mode === 'board';

export const useBoardStore = create<BoardState>()((set, get) => {
  const busy = () => get().dragging || get().savingMoves > 0;
  const runPendingRefresh = () => {
    if (refreshPending && !busy()) void get().refresh();
  };
  const fetchBoard = async (pageSize: number, quiet: boolean) => {
    const seq = ++loadSeq;
    if (!quiet) set({ loading: true, error: null });
    try {
      const board = await api.call('board.get', { ...queryOf(get().view), pageSize });
      if (seq !== loadSeq) return;
      if (quiet && busy()) {
        refreshPending = true;
        return;
      }
      set({ columns: withSortedSums(board.columns), loading: false, error: null });
    } catch (error) {
      if (seq === loadSeq) set({ error, loading: false });
    }
  };
  const save = (view: BoardView) => {
    const done = saving.then(() => api.call('board.view.save', { view }));
    saving = done.catch(() => undefined);
    return done;
  };

  return {
    view: defaultBoardView,
    viewRevision: 0,
    columns: [],
    loading: false,
    error: null,
    savingMoves: 0,
    dragging: false,

    async open() {
      set({ loading: true, error: null });
      try {
        const view = await api.call('board.view.get', {});
        set({ view, viewRevision: get().viewRevision + 1 });
      } catch (error) {
        set({ error, loading: false });
        return;
      }
      await get().load();
    },

    load: () => fetchBoard(boardPageSize, false),

    async refresh() {
      if (busy()) {
        refreshPending = true;
        return;
      }
      refreshPending = false;
      const shown = Math.max(boardPageSize, ...get().columns.map((c) => c.cards.length));
      await fetchBoard(Math.min(shown, maxPageSize), true);
    },

    async updateView(patch) {
      const view = { ...get().view, ...patch };
      set({ view });
      const saved = save(view);
      if (reloads(patch)) await get().load();
      await saved;
    },

    async resetView() {
      set({ view: defaultBoardView, viewRevision: get().viewRevision + 1 });
      const saved = save(defaultBoardView);
      await get().load();
      await saved;
    },

    setDragging(dragging) {
      set({ dragging });
      runPendingRefresh();
    },

    async loadMore(stageId) {
      const column = get().columns.find((c) => c.stage.id === stageId);
      if (!column) return;
      const page = await api.call('board.column', { stageId, ...queryOf(get().view), offset: column.cards.length, limit: boardPageSize });
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
        runPendingRefresh();
      }
    },
  };
});

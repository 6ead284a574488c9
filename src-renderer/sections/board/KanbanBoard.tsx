import { DragDropContext, type DropResult, type ResponderProvided } from '@hello-pangea/dnd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentSummary } from '../../../src-shared/documents/types';
import { ErrorNotice } from '../../components/ErrorNotice';
import { errorText } from '../../i18n/format-error';
import { useAppStore } from '../../state/app-store';
import { BoardColumnView } from './BoardColumnView';
import { useBoardStore } from './board-store';
import { shownInView } from './board-view';
import { dragMessages } from './dnd-messages';
import { keepDndStylesOutOfDocument } from './dnd-styles';
import { DocumentPanel } from './DocumentPanel';
import { useLiveUpdates } from './use-live-updates';
import { canMoveAnywhere } from './move-rule';
import { useMoveRule } from './use-move-rule';

keepDndStylesOutOfDocument();

/** The library's own drag state lives in its (suppressed) style element; ours is this class, styled in app.css. */
const draggingClass = 'board-dragging';

/** The lifted card's height, read before the library swaps it for the copy that follows the pointer. */
const liftedCardHeight = (draggableId: string) =>
  document.querySelector(`[data-rfd-draggable-id="${CSS.escape(draggableId)}"] .board-card`)?.getBoundingClientRect().height ?? 0;

interface Refusal {
  title: string;
  error: unknown;
}

/** The columns the employee shows, in their order, with drag and drop, the document panel, and live updates. */
export function KanbanBoard({ userId }: { userId: string }) {
  const { t } = useTranslation();
  const announce = useAppStore((s) => s.announce);
  const { view, columns, savingMoves, load, refresh, loadMore, move, setDragging } = useBoardStore();
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const [liftedHeight, setLiftedHeight] = useState(0);
  const shown = shownInView(columns, (c) => c.stage, view);
  const messages = dragMessages(t, shown);
  // Stable between renders, so a move re-renders only the two columns it changed (see BoardColumnView's memo).
  const fields = useMemo(() => new Set(view.cardFields), [view.cardFields]);
  const openCard = useCallback((doc: DocumentSummary) => setOpenId(doc.id), []);
  const rule = useMoveRule();
  const stages = columns.map((c) => c.stage);
  // Only a document the employee may move into some stage can be dragged; the services still judge every move. Kept
  // stable while the stages are the same, so a move still re-renders only its two columns.
  const stageKey = stages.map((s) => s.id).join('\n');
  const canMove = useCallback((doc: DocumentSummary) => canMoveAnywhere(rule, doc, stageKey.split('\n')), [rule, stageKey]);

  useLiveUpdates(() => void refresh(), () => void load());
  useEffect(() => () => document.body.classList.remove(draggingClass), []);

  /** The panel shows its own refusal beside its move menu; a drag's is shown above the board. */
  const moveTo = async (doc: DocumentSummary, stageId: string, index: number, from: 'board' | 'panel') => {
    setRefusal(null);
    const outcome = await move(doc.id, stageId, index);
    if (!outcome.ok) {
      if (from === 'board') setRefusal({ title: doc.title, error: outcome.error });
      announce(t('board.refused', { title: doc.title, reason: errorText(t, outcome.error) }), 'error');
    }
    return outcome;
  };

  const showMore = useCallback(
    async (stageId: string) => {
      try {
        await loadMore(stageId);
      } catch (e) {
        announce(errorText(t, e), 'error');
      }
    },
    [loadMore, announce, t],
  );

  const onDragEnd = (result: DropResult, provided: ResponderProvided) => {
    document.body.classList.remove(draggingClass);
    provided.announce(messages.dropped(result));
    const { destination, source, draggableId } = result;
    // Order within a column follows the last change, so a drop in the same column changes nothing.
    const doc = columns.flatMap((c) => c.cards).find((c) => c.id === draggableId);
    // The move is counted before the drag ends, so a refresh held back by the drag waits for the move's answer too.
    if (doc && destination && destination.droppableId !== source.droppableId) void moveTo(doc, destination.droppableId, destination.index, 'board');
    setDragging(false);
  };

  const opened = openId ? columns.flatMap((c) => c.cards).find((c) => c.id === openId) : undefined;

  return (
    <>
      {refusal ? (
        <div className="board-refusal">
          <p className="board-refusal-title">{t('board.refusedTitle', { title: refusal.title })}</p>
          <ErrorNotice error={refusal.error} />
          <button type="button" className="link-button" onClick={() => setRefusal(null)}>
            {t('common.dismiss')}
          </button>
        </div>
      ) : null}
      <DragDropContext
        dragHandleUsageInstructions={t('board.dnd.instructions')}
        onBeforeCapture={({ draggableId }) => setLiftedHeight(liftedCardHeight(draggableId))}
        onDragStart={(start, provided) => {
          setDragging(true);
          document.body.classList.add(draggingClass);
          provided.announce(messages.lifted(start));
        }}
        onDragUpdate={(update, provided) => provided.announce(messages.moved(update))}
        onDragEnd={onDragEnd}
      >
        <div className="board" aria-label={t('board.label')} role="group" aria-busy={savingMoves > 0}>
          {shown.map((column) => (
            <BoardColumnView
              key={column.stage.id}
              column={column}
              density={view.density}
              liftedHeight={liftedHeight}
              userId={userId}
              fields={fields}
              onOpen={openCard}
              canMove={canMove}
              onLoadMore={showMore}
            />
          ))}
        </div>
      </DragDropContext>
      {opened ? (
        <DocumentPanel
          key={opened.id}
          summary={opened}
          stages={stages}
          onMove={(doc, stageId) => moveTo(doc, stageId, 0, 'panel')}
          onDeleted={() => {
            setOpenId(null);
            void refresh();
          }}
          onClose={() => setOpenId(null)}
        />
      ) : null}
    </>
  );
}

import { DragDropContext, type DropResult, type ResponderProvided } from '@hello-pangea/dnd';
import { useEffect, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentSummary } from '../../../src-shared/documents/types';
import { ErrorNotice } from '../../components/ErrorNotice';
import { errorText } from '../../i18n/format-error';
import { useAppStore } from '../../state/app-store';
import { BoardColumnView } from './BoardColumnView';
import { useBoardStore } from './board-store';
import { dragMessages } from './dnd-messages';
import { keepDndStylesOutOfDocument } from './dnd-styles';
import { DocumentPanel } from './DocumentPanel';

keepDndStylesOutOfDocument();

const searchDelayMs = 250;
/** The library's own drag state lives in its (suppressed) style element; ours is this class, styled in app.css. */
const draggingClass = 'board-dragging';

interface Refusal {
  title: string;
  error: unknown;
}

export function BoardSection({ headingRef, userId }: { headingRef: RefObject<HTMLHeadingElement | null>; userId: string }) {
  const { t } = useTranslation();
  const announce = useAppStore((s) => s.announce);
  const { columns, filter, loading, error, savingMoves, load, setQuery, loadMore, move } = useBoardStore();
  const [search, setSearch] = useState(filter.query);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const messages = dragMessages(t, columns);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    if (search === useBoardStore.getState().filter.query) return;
    const timer = window.setTimeout(() => void setQuery(search), searchDelayMs);
    return () => window.clearTimeout(timer);
  }, [search, setQuery]);

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

  const showMore = async (stageId: string) => {
    try {
      await loadMore(stageId);
    } catch (e) {
      announce(errorText(t, e), 'error');
    }
  };

  const onDragEnd = (result: DropResult, provided: ResponderProvided) => {
    document.body.classList.remove(draggingClass);
    provided.announce(messages.dropped(result));
    const { destination, source, draggableId } = result;
    // Order within a column follows the last change, so a drop in the same column changes nothing.
    if (!destination || destination.droppableId === source.droppableId) return;
    const doc = columns.flatMap((c) => c.cards).find((c) => c.id === draggableId);
    if (doc) void moveTo(doc, destination.droppableId, destination.index, 'board');
  };

  const stages = columns.map((c) => c.stage);
  const opened = openId ? columns.flatMap((c) => c.cards).find((c) => c.id === openId) : undefined;

  return (
    <section className="section section-board" aria-labelledby="section-title">
      <header className="section-header section-header-row">
        <div>
          <h1 id="section-title" ref={headingRef} tabIndex={-1}>
            {t('nav.kanban')}
          </h1>
          <p className="section-lead">{t('board.lead')}</p>
        </div>
        <div className="field board-search" role="search">
          <label htmlFor="board-search">{t('board.search')}</label>
          <input id="board-search" type="search" value={search} placeholder={t('board.searchPlaceholder')} onChange={(e) => setSearch(e.target.value)} autoComplete="off" spellCheck={false} />
        </div>
      </header>

      {refusal ? (
        <div className="board-refusal">
          <p className="board-refusal-title">{t('board.refusedTitle', { title: refusal.title })}</p>
          <ErrorNotice error={refusal.error} />
          <button type="button" className="link-button" onClick={() => setRefusal(null)}>
            {t('common.dismiss')}
          </button>
        </div>
      ) : null}
      {error ? <ErrorNotice error={error} onRetry={() => void load()} /> : null}
      {loading && columns.length === 0 ? <p className="muted">{t('common.loading')}</p> : null}

      <DragDropContext
        dragHandleUsageInstructions={t('board.dnd.instructions')}
        onDragStart={(start, provided) => {
          document.body.classList.add(draggingClass);
          provided.announce(messages.lifted(start));
        }}
        onDragUpdate={(update, provided) => provided.announce(messages.moved(update))}
        onDragEnd={onDragEnd}
      >
        <div className="board" aria-label={t('board.label')} role="group" aria-busy={savingMoves > 0}>
          {columns.map((column) => (
            <BoardColumnView key={column.stage.id} column={column} userId={userId} onOpen={(d) => setOpenId(d.id)} onLoadMore={showMore} />
          ))}
        </div>
      </DragDropContext>

      {opened ? <DocumentPanel key={opened.id} summary={opened} stages={stages} onMove={(doc, stageId) => moveTo(doc, stageId, 0, 'panel')} onClose={() => setOpenId(null)} /> : null}
    </section>
  );
}

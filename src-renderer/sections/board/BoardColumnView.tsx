import { Droppable } from '@hello-pangea/dnd';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BoardColumn, DocumentSummary } from '../../../src-shared/documents/types';
import type { CardField } from '../../../src-shared/documents/view';
import { BoardCard } from './BoardCard';
import { formatMoney, stageName } from './format';

interface BoardColumnProps {
  column: BoardColumn;
  userId: string;
  fields: ReadonlySet<CardField>;
  onOpen(doc: DocumentSummary): void;
  onLoadMore(stageId: string): Promise<void>;
}

/** One stage: its name, colour, count and sums per currency, its cards, and "Show more" while some are not loaded. */
export function BoardColumnView({ column, userId, fields, onOpen, onLoadMore }: BoardColumnProps) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const [loadingMore, setLoadingMore] = useState(false);
  const { stage, count, sums, cards } = column;
  const more = async () => {
    setLoadingMore(true);
    try {
      await onLoadMore(stage.id);
    } finally {
      setLoadingMore(false);
    }
  };
  return (
    <section className="board-column" aria-labelledby={headingId} data-stage-id={stage.id}>
      <header className="board-column-header" style={{ borderTopColor: stage.color }}>
        <h2 id={headingId} className="board-column-title">
          <span className="board-column-name">{stageName(t, stage)}</span>{' '}
          <span className="board-column-count" aria-label={t('board.column.count', { count })}>
            {count}
          </span>
        </h2>
        {sums.length > 0 ? (
          <ul className="board-column-sums" aria-label={t('board.column.sums')}>
            {sums.map((s) => (
              <li key={s.currency}>{formatMoney(s.amountMinor, s.currency, i18n.language)}</li>
            ))}
          </ul>
        ) : null}
      </header>
      <Droppable droppableId={stage.id}>
        {(provided, snapshot) => (
          <div ref={provided.innerRef} {...provided.droppableProps} className={`board-column-cards${snapshot.isDraggingOver ? ' board-column-over' : ''}`}>
            {cards.map((doc, index) => (
              <BoardCard key={doc.id} doc={doc} index={index} userId={userId} fields={fields} onOpen={onOpen} />
            ))}
            {provided.placeholder}
          </div>
        )}
      </Droppable>
      {count > cards.length ? (
        <button type="button" className="button board-column-more" onClick={() => void more()} disabled={loadingMore}>
          {loadingMore ? t('common.loading') : t('board.column.showMore', { count: count - cards.length })}
        </button>
      ) : null}
    </section>
  );
}

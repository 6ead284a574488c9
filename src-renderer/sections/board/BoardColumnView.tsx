import { memo, useCallback, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BoardColumn } from '../../../src-shared/documents/types';
import type { CardContent } from './BoardCard';
import { ColumnCards } from './ColumnCards';
import { formatMoney, stageName } from './format';

interface BoardColumnProps extends CardContent {
  column: BoardColumn;
  density: 'comfortable' | 'compact';
  liftedHeight: number;
  onLoadMore(stageId: string): Promise<void>;
}

const gaps = { comfortable: 8, compact: 4 } as const;

/**
 * One stage: its name, colour, count and sums per currency, and its cards. Further pages load as the list is scrolled
 * near its end; "Show more" stays for keyboard users and as the retry when a page failed to load.
 *
 * Memoized: a column re-renders only when its own cards or counts change (a move touches two), because re-rendering
 * every card of the board on each drop is what kept the move from being sent and answered within milliseconds.
 */
export const BoardColumnView = memo(function BoardColumnView({ column, density, liftedHeight, onLoadMore, ...content }: BoardColumnProps) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const [loadingMore, setLoadingMore] = useState(false);
  const { stage, count, sums, cards } = column;
  const busy = useRef(false);
  /** The number of cards loaded when scrolling last asked for more: a failed page is not asked for again by itself. */
  const askedAt = useRef(-1);
  const more = useCallback(async () => {
    if (busy.current) return;
    busy.current = true;
    setLoadingMore(true);
    try {
      await onLoadMore(stage.id);
    } finally {
      busy.current = false;
      setLoadingMore(false);
    }
  }, [onLoadMore, stage.id]);
  const nearEnd = useCallback(() => {
    if (askedAt.current === cards.length) return;
    askedAt.current = cards.length;
    void more();
  }, [cards.length, more]);

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
      <ColumnCards stageId={stage.id} cards={cards} count={count} gap={gaps[density]} liftedHeight={liftedHeight} onNearEnd={nearEnd} {...content} />
      {count > cards.length ? (
        <button type="button" className="button board-column-more" onClick={() => void more()} disabled={loadingMore}>
          {loadingMore ? t('common.loading') : t('board.column.showMore', { count: count - cards.length })}
        </button>
      ) : null}
    </section>
  );
});

import { defaultRangeExtractor, useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Page } from 'react-pdf';
import type { PageDimensions } from '../../../../src-shared/fields/layout';
import type { FieldPlacement } from '../../../../src-shared/fields/placement';

interface PageThumbnailsProps {
  /** The document's pages, in points: a thumbnail's height follows its page's shape before it is drawn. */
  pages: readonly PageDimensions[];
  current: number;
  fields: readonly FieldPlacement[];
  onPage(index: number): void;
}

/** Width of a thumbnail in CSS pixels: small enough for a column beside the page, large enough to tell pages apart. */
const thumbnailWidth = 84;
/** Room around the drawing: the page number below it, the button's padding and border, the gap to the next one. */
const thumbnailChrome = 16 + 8 + 4 + 6;
/** The drawing's height for a page of this shape: held before pdf.js has drawn it, so the list does not jump. */
const drawingHeight = (page: PageDimensions | undefined) => Math.round(page ? (thumbnailWidth * page.height) / page.width : thumbnailWidth * Math.SQRT2);
/** Thumbnails drawn beyond the visible ones, so Tab reaches the next one before it scrolls into view. */
const overscan = 3;

const keySteps: Record<string, (index: number, count: number) => number> = {
  ArrowDown: (i, n) => Math.min(i + 1, n - 1),
  ArrowUp: (i) => Math.max(i - 1, 0),
  Home: () => 0,
  End: (_, n) => n - 1,
};

/**
 * Every page small, with how many fields it holds; a press shows that page. Only the thumbnails in (or near) view are
 * in the page and drawn by pdf.js, so a 100-page contract draws a handful, not a hundred. Tab goes from one to the
 * next as before; the arrow keys, Home and End move along the list too, to pages not drawn yet, and the current page's
 * thumbnail is scrolled into view when the page changes another way.
 */
export function PageThumbnails({ pages, current, fields, onPage }: PageThumbnailsProps) {
  const { t } = useTranslation();
  const scrollRef = useRef<HTMLElement | null>(null);
  const listRef = useRef<HTMLOListElement | null>(null);
  /** A thumbnail the keyboard moved to, focused once it is in the page. */
  const pendingFocus = useRef<number | null>(null);
  /** The thumbnail with the focus stays in the page when scrolled out of view: removing it would drop the focus. */
  const focused = useRef<number | null>(null);
  // Not memoized on purpose, as in the board's columns: the virtualizer's fresh functions on every render are wanted.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: pages.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (index) => drawingHeight(pages[index]) + thumbnailChrome,
    overscan,
    rangeExtractor: (range) => {
      const shown = defaultRangeExtractor(range);
      const keep = focused.current;
      return keep === null || shown.includes(keep) ? shown : [...shown, keep].sort((a, b) => a - b);
    },
  });

  useEffect(() => {
    virtualizer.scrollToIndex(current, { align: 'auto' });
  }, [current, virtualizer]);

  useEffect(() => {
    const index = pendingFocus.current;
    if (index === null) return;
    const button = listRef.current?.querySelector<HTMLButtonElement>(`[data-page-index="${index}"]`);
    if (!button) return;
    pendingFocus.current = null;
    button.focus();
  });

  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const step = keySteps[event.key];
    if (!step) return;
    event.preventDefault();
    const next = step(index, pages.length);
    virtualizer.scrollToIndex(next, { align: 'auto' });
    // Already in the page: focused now; otherwise once the scroll has drawn it (the effect above).
    const button = listRef.current?.querySelector<HTMLButtonElement>(`[data-page-index="${next}"]`);
    if (button) button.focus();
    else pendingFocus.current = next;
  };

  const fieldsOn = new Map<number, number>();
  for (const f of fields) fieldsOn.set(f.page, (fieldsOn.get(f.page) ?? 0) + 1);

  return (
    <nav ref={scrollRef} className="field-editor-thumbnails" aria-label={t('fieldEditor.pages')}>
      <ol ref={listRef} style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const index = item.index;
          const count = fieldsOn.get(index) ?? 0;
          return (
            <li
              key={item.key}
              ref={virtualizer.measureElement}
              data-index={index}
              aria-posinset={index + 1}
              aria-setsize={pages.length}
              style={{ transform: `translateY(${item.start}px)` }}
            >
              <button
                type="button"
                className="field-editor-thumbnail"
                data-page-index={index}
                aria-current={index === current ? 'page' : undefined}
                aria-label={t('fieldEditor.thumbnail', { page: index + 1, count })}
                onClick={() => onPage(index)}
                onKeyDown={(event) => onKeyDown(event, index)}
                onFocus={() => {
                  focused.current = index;
                }}
                onBlur={() => {
                  if (focused.current === index) focused.current = null;
                }}
              >
                <span className="field-editor-thumbnail-drawing" style={{ width: thumbnailWidth, height: drawingHeight(pages[index]) }}>
                  <Page pageIndex={index} width={thumbnailWidth} rotate={0} renderTextLayer={false} renderAnnotationLayer={false} loading="" error="" />
                </span>
                <span aria-hidden="true">
                  {index + 1}
                  {count > 0 ? ` · ${count}` : ''}
                </span>
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

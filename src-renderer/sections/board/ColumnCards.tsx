import { Draggable, Droppable, type DraggableProvided, type DraggableRubric, type DraggableStateSnapshot } from '@hello-pangea/dnd';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { DocumentSummary } from '../../../src-shared/documents/types';
import { BoardCard, type CardContent } from './BoardCard';

interface ColumnCardsProps extends CardContent {
  stageId: string;
  cards: DocumentSummary[];
  /** How many documents the column holds, loaded or not. */
  count: number;
  /** Space between cards, by the employee's density. */
  gap: number;
  /** Height of the card being dragged, so a column it is over can make room for it. */
  liftedHeight: number;
  /** Asks for the next page: the list was scrolled near its end while more documents remain. */
  onNearEnd(): void;
}

/** A first guess at a card's height; every card is measured once shown. */
const estimatedCardHeight = 128;
/** Cards rendered beyond the visible ones, so Tab and arrow keys always find the next card in the page. */
const overscan = 4;
/** How close to the last loaded card the list asks for the next page. */
const loadAhead = 5;

/**
 * A column's cards as a virtual list: only those in (or near) view are in the page, so a column with thousands of
 * cards loaded stays as light as one with thirty. The drag library runs in its virtual mode: the dragged card follows
 * the pointer as a copy (it may scroll out of its list), and a column being dragged over grows by the card's height
 * itself, since there is no placeholder element in a virtual list.
 */
export function ColumnCards({ stageId, cards, count, gap, liftedHeight, onNearEnd, ...content }: ColumnCardsProps) {
  const scrollRef = useRef<HTMLDivElement | null>(null);
  // The app is not built with the React Compiler and nothing here is memoized, so the virtualizer's fresh functions
  // on every render are what we want.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: cards.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => estimatedCardHeight + gap,
    getItemKey: (index) => cards[index]?.id ?? index,
    overscan,
  });
  const items = virtualizer.getVirtualItems();
  const lastShown = items.at(-1)?.index ?? -1;
  useEffect(() => {
    if (count > cards.length && lastShown >= cards.length - loadAhead) onNearEnd();
  }, [count, cards.length, lastShown, onNearEnd]);

  const renderClone = (provided: DraggableProvided, snapshot: DraggableStateSnapshot, rubric: DraggableRubric) => {
    const doc = cards[rubric.source.index];
    return doc ? <BoardCard doc={doc} provided={provided} snapshot={snapshot} {...content} /> : <div ref={provided.innerRef} {...provided.draggableProps} {...provided.dragHandleProps} />;
  };

  return (
    <Droppable droppableId={stageId} mode="virtual" renderClone={renderClone}>
      {(provided, snapshot) => (
        <div
          ref={(el) => {
            provided.innerRef(el);
            scrollRef.current = el;
          }}
          {...provided.droppableProps}
          className={`board-column-cards${snapshot.isDraggingOver ? ' board-column-over' : ''}`}
        >
          <div role="list" className="board-column-list" style={{ height: virtualizer.getTotalSize() + (snapshot.isUsingPlaceholder ? liftedHeight + gap : 0) }}>
            {items.map((item) => {
              const doc = cards[item.index]!;
              return (
                <Draggable key={doc.id} draggableId={doc.id} index={item.index} isDragDisabled={!content.canMove(doc)}>
                  {(dragProvided, dragSnapshot) => (
                    <BoardCard
                      doc={doc}
                      provided={dragProvided}
                      snapshot={dragSnapshot}
                      slot={{
                        ref: virtualizer.measureElement,
                        index: item.index,
                        position: item.index + 1,
                        total: count,
                        style: { position: 'absolute', top: item.start, left: 0, right: 0, paddingBottom: gap },
                      }}
                      {...content}
                    />
                  )}
                </Draggable>
              );
            })}
          </div>
        </div>
      )}
    </Droppable>
  );
}

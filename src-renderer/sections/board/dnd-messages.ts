import type { DragStart, DragUpdate, DropResult } from '@hello-pangea/dnd';
import type { TFunction } from 'i18next';
import type { BoardColumn } from '../../../src-shared/documents/types';
import { stageName } from './format';

/**
 * What the library's live region says during a drag, in the UI language (its own messages are English only). Every
 * message names the card and the column, since a screen-reader user does not see where the card is.
 */
export function dragMessages(t: TFunction, columns: readonly BoardColumn[]) {
  const title = (id: string) => columns.flatMap((c) => c.cards).find((c) => c.id === id)?.title ?? '';
  const stage = (id: string | undefined) => {
    const column = columns.find((c) => c.stage.id === id);
    return column ? stageName(t, column.stage) : '';
  };
  return {
    lifted: (start: DragStart) => t('board.dnd.lifted', { title: title(start.draggableId), stage: stage(start.source.droppableId) }),
    moved: (update: DragUpdate) =>
      update.destination
        ? t('board.dnd.over', { title: title(update.draggableId), stage: stage(update.destination.droppableId), position: update.destination.index + 1 })
        : t('board.dnd.notOver', { title: title(update.draggableId) }),
    dropped: (result: DropResult) => {
      if (result.reason === 'CANCEL' || !result.destination || result.destination.droppableId === result.source.droppableId) {
        return t('board.dnd.returned', { title: title(result.draggableId), stage: stage(result.source.droppableId) });
      }
      return t('board.dnd.dropped', { title: title(result.draggableId), stage: stage(result.destination.droppableId) });
    },
  };
}

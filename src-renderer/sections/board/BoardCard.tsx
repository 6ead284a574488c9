import { Draggable } from '@hello-pangea/dnd';
import { useTranslation } from 'react-i18next';
import { counterpartyOf, nextAction } from '../../../src-shared/documents/next-action';
import type { DocumentSummary } from '../../../src-shared/documents/types';
import { formatDay, formatMoney } from './format';
import { SignerChips } from './SignerChips';

interface BoardCardProps {
  doc: DocumentSummary;
  index: number;
  userId: string;
  onOpen(doc: DocumentSummary): void;
}

/** A document on the board: the whole card is the drag handle (space lifts it), and a click or Enter opens it. */
export function BoardCard({ doc, index, userId, onOpen }: BoardCardProps) {
  const { t, i18n } = useTranslation();
  const next = nextAction(doc, userId);
  const counterparty = counterpartyOf(doc);
  const due = formatDay(doc.dueDate, i18n.language);
  return (
    <Draggable draggableId={doc.id} index={index}>
      {(provided, snapshot) => (
        <div
          ref={provided.innerRef}
          {...provided.draggableProps}
          {...provided.dragHandleProps}
          className={`board-card${snapshot.isDragging ? ' board-card-dragging' : ''}`}
          data-document-id={doc.id}
          onClick={() => onOpen(doc)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !snapshot.isDragging) onOpen(doc);
          }}
        >
          <span className="board-card-title">{doc.title}</span>
          <span className="board-card-number">{doc.number}</span>
          {counterparty ? <span className="board-card-party">{counterparty}</span> : null}
          <span className="board-card-facts">
            {doc.amountMinor !== undefined && doc.currency ? <span className="board-card-amount">{formatMoney(doc.amountMinor, doc.currency, i18n.language)}</span> : null}
            {due ? <span className="board-card-due">{t('board.card.due', { date: due })}</span> : null}
          </span>
          <span className={`board-card-next board-card-next-${next.whose}`}>
            <span className="board-card-next-text">{t(`board.next.${next.key}`, { name: next.name ?? '' })}</span>
            {next.whose !== 'nobody' ? <span className="board-card-whose">{t(`board.whose.${next.whose}`, { name: next.colleague ?? '' })}</span> : null}
          </span>
          <SignerChips signers={doc.signers} />
        </div>
      )}
    </Draggable>
  );
}

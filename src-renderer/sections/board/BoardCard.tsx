import type { DraggableProvided, DraggableStateSnapshot } from '@hello-pangea/dnd';
import type { CSSProperties, Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { counterpartyOf, nextAction } from '../../../src-shared/documents/next-action';
import type { DocumentSummary } from '../../../src-shared/documents/types';
import type { CardField } from '../../../src-shared/documents/view';
import { signRouteHash } from '../../../src-shared/signing/sign-route';
import { formatDay, formatMoney } from './format';
import { SignerChips } from './SignerChips';

export interface CardContent {
  userId: string;
  /** The fields this employee chose; the title is always shown. */
  fields: ReadonlySet<CardField>;
  onOpen(doc: DocumentSummary): void;
  /** Whether the employee may move the document anywhere: a card they may not move is not draggable. */
  canMove(doc: DocumentSummary): boolean;
}

interface BoardCardProps extends CardContent {
  doc: DocumentSummary;
  provided: DraggableProvided;
  snapshot: DraggableStateSnapshot;
  /** Where the column's virtual list puts this card; none for the copy that follows the pointer. */
  slot?: { ref: Ref<HTMLDivElement>; index: number; style: CSSProperties; position: number; total: number };
}

/**
 * The library tells the app about a drop only once its drop animation has played (a quarter of a second and more),
 * and only then can the move be saved; a card that lands at once lets the move be committed within milliseconds of
 * the drop. The library cannot turn the animation off, only be given one this short.
 */
const noDropAnimation: CSSProperties = { transitionDuration: '0.001s' };

/**
 * A document on the board. The outer element is what the drag library moves and the column's virtual list places and
 * measures; its bottom padding is the gap to the next card, because the library does not allow margins in a virtual
 * list. The inner card is the drag handle (space lifts it), and a click or Enter opens it.
 */
export function BoardCard({ doc, userId, fields, onOpen, provided, snapshot, slot }: BoardCardProps) {
  const { t, i18n } = useTranslation();
  const next = nextAction(doc, userId);
  const counterparty = fields.has('counterparty') ? counterpartyOf(doc) : undefined;
  const due = fields.has('dueDate') ? formatDay(doc.dueDate, i18n.language) : null;
  const amount = fields.has('amount') && doc.amountMinor !== undefined && doc.currency ? formatMoney(doc.amountMinor, doc.currency, i18n.language) : null;
  const ref = (el: HTMLDivElement | null) => {
    provided.innerRef(el);
    if (typeof slot?.ref === 'function') slot.ref(el);
  };
  return (
    <div
      ref={ref}
      {...provided.draggableProps}
      style={{ ...slot?.style, ...provided.draggableProps.style, ...(snapshot.isDropAnimating ? noDropAnimation : {}) }}
      className="board-card-slot"
      role="listitem"
      aria-posinset={slot?.position}
      aria-setsize={slot?.total}
      data-index={slot?.index}
    >
      <div
        // Without a drag the library gives no handle props: the card is still a button to open with Enter.
        {...(provided.dragHandleProps ?? { tabIndex: 0, role: 'button' })}
        className={`board-card${snapshot.isDragging ? ' board-card-dragging' : ''}`}
        data-document-id={doc.id}
        onClick={() => onOpen(doc)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !snapshot.isDragging) onOpen(doc);
        }}
      >
        <span className="board-card-title">{doc.title}</span>
        {fields.has('number') ? <span className="board-card-number">{doc.number}</span> : null}
        {counterparty ? <span className="board-card-party">{counterparty}</span> : null}
        {amount || due ? (
          <span className="board-card-facts">
            {amount ? <span className="board-card-amount">{amount}</span> : null}
            {due ? <span className="board-card-due">{t('board.card.due', { date: due })}</span> : null}
          </span>
        ) : null}
        {fields.has('owner') ? <span className="board-card-owner">{t('board.card.owner', { name: doc.ownerName })}</span> : null}
        {fields.has('department') && doc.department ? <span className="board-card-department">{doc.department}</span> : null}
        {fields.has('tags') && doc.tags.length > 0 ? <span className="board-card-tags">{doc.tags.map((tag) => `#${tag}`).join(' ')}</span> : null}
        {fields.has('nextAction') ? (
          <span className={`board-card-next board-card-next-${next.whose}`}>
            {next.key === 'yourSignature' ? (
              // A link of its own inside the card: it opens the signing screen, while a click elsewhere opens the panel.
              <a
                className="board-card-next-text board-card-sign-link"
                href={signRouteHash(doc.id)}
                onClick={(e) => e.stopPropagation()}
                onKeyDown={(e) => e.stopPropagation()}
              >
                {t(`board.next.${next.key}`)}
              </a>
            ) : (
              <span className="board-card-next-text">{t(`board.next.${next.key}`, { name: next.name ?? '' })}</span>
            )}
            {next.whose !== 'nobody' ? <span className="board-card-whose">{t(`board.whose.${next.whose}`, { name: next.colleague ?? '' })}</span> : null}
          </span>
        ) : null}
        {fields.has('signers') ? <SignerChips signers={doc.signers} /> : null}
      </div>
    </div>
  );
}

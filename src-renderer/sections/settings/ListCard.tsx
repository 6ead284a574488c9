import type { ReactNode, RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../components/ErrorNotice';

interface ListCardProps<T> {
  /** The heading's id, which labels the card. */
  id: string;
  className: string;
  heading: string;
  lead: string;
  /** The heading takes focus (tabIndex -1) when the row button that had it is gone. */
  headingRef: RefObject<HTMLHeadingElement | null>;
  /** What the main side sent; null until it has. */
  items: T | null;
  loadError: unknown;
  onRetry(): void;
  children(items: T): ReactNode;
}

/** A Settings card over a list read from the main side: heading, what it is, then the list, or why it did not come. */
export function ListCard<T>({ id, className, heading, lead, headingRef, items, loadError, onRetry, children }: ListCardProps<T>) {
  const { t } = useTranslation();
  return (
    <section className={`card ${className}`} aria-labelledby={id}>
      <h2 id={id} ref={headingRef} tabIndex={-1}>
        {heading}
      </h2>
      <p className="muted">{lead}</p>
      {loadError ? <ErrorNotice error={loadError} onRetry={onRetry} /> : null}
      {items !== null ? children(items) : loadError ? null : <p className="muted">{t('common.loading')}</p>}
    </section>
  );
}

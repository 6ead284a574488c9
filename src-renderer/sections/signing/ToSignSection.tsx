import { useEffect, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorNotice } from '../../components/ErrorNotice';
import { formatDay } from '../board/format';
import { useToSignStore } from './to-sign-store';
import { signRouteHash } from '../../../src-shared/signing/sign-route';

/** The documents waiting for the signed-in employee's signature, each a link to its signing screen. */
export function ToSignSection({ headingRef, userId }: { headingRef: RefObject<HTMLHeadingElement | null>; userId: string }) {
  const { t, i18n } = useTranslation();
  const items = useToSignStore((s) => s.items);
  const error = useToSignStore((s) => s.error);
  const load = useToSignStore((s) => s.load);

  useEffect(() => {
    void load(userId);
  }, [load, userId]);

  return (
    <section className="section to-sign">
      <header className="section-header">
        <h1 ref={headingRef} tabIndex={-1}>
          {t('nav.toSign')}
        </h1>
        <p className="muted">{t('signingUi.list.lead')}</p>
      </header>
      <ErrorNotice error={error} onRetry={() => void load(userId)} />
      {items === null ? (
        error ? null : <p aria-busy="true">{t('common.loading')}</p>
      ) : items.length === 0 ? (
        <p className="empty-state">{t('signingUi.list.empty')}</p>
      ) : (
        <ul className="to-sign-list">
          {items.map((doc) => {
            const due = formatDay(doc.dueDate, i18n.language);
            return (
              <li key={doc.id} className="to-sign-item">
                <a href={signRouteHash(doc.id)} className="to-sign-link">
                  {doc.title}
                </a>
                <span className="muted">
                  {doc.number} · {t('board.card.owner', { name: doc.ownerName })}
                  {due ? ` · ${t('board.card.due', { date: due })}` : ''}
                </span>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

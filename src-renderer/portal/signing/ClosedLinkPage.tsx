import type { RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { portalPaths } from '../../../src-shared/portal/pages';
import { portalSealedPath, sealedDownloadDays } from '../../../src-shared/portal/signing-session';
import { formatIso } from '../../i18n/format-date';
import { closedPages, type ClosedPage } from './link-steps';
import { MessageCard } from './MessageCard';

interface ClosedLinkPageProps {
  token: string;
  state: ClosedPage;
  /** A completed link's sealed PDF is offered until then; null: not (yet, or any more). */
  sealedUntil: string | null;
  headingRef?: RefObject<HTMLHeadingElement | null>;
}

/** A link that can no longer be signed, each state with its own page; a signed one offers the sealed PDF while it is kept. */
export function ClosedLinkPage({ token, state, sealedUntil, headingRef }: ClosedLinkPageProps) {
  const { t, i18n } = useTranslation();
  const copy = closedPages[state];
  const until = sealedUntil ? formatIso(sealedUntil, i18n.language, { dateStyle: 'long', timeStyle: 'short' }) : null;
  return (
    <MessageCard title={t(copy.titleKey)} headingRef={headingRef}>
      {copy.leadKeys.map((key) => (
        <p key={key}>{t(key)}</p>
      ))}
      {state === 'completed' ? (
        until ? (
          <>
            <p>{t('portal.closed.completed.sealedUntil', { date: until })}</p>
            <p className="portal-actions">
              <a className="button button-primary" href={portalSealedPath(token)} download>
                {t('portal.closed.completed.download')}
              </a>
            </p>
          </>
        ) : (
          <p>{t('portal.closed.completed.byMail', { days: sealedDownloadDays })}</p>
        )
      ) : null}
      <p>
        <a href={portalPaths.verify}>{t('portal.verify.link')}</a>
      </p>
    </MessageCard>
  );
}

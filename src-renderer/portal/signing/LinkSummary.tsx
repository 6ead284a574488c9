import type { RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { OpenPortalLink } from '../../../src-shared/portal/signing-link';
import { formatIso } from '../../i18n/format-date';

/** Who asks and what, before the code: the company and its employee, the document, its pages and the deadline. */
export function LinkSummary({ link, headingRef }: { link: OpenPortalLink; headingRef?: RefObject<HTMLHeadingElement | null> }) {
  const { t, i18n } = useTranslation();
  const deadline = formatIso(link.expiresAt, i18n.language, { dateStyle: 'long', timeStyle: 'short' }) ?? link.expiresAt;
  return (
    <header className="portal-link-summary">
      <p className="portal-asks">
        {link.preparerName ? t('portal.signing.asks', { preparer: link.preparerName, company: link.companyName }) : t('portal.signing.asksCompany', { company: link.companyName })}
      </p>
      <h1 ref={headingRef} tabIndex={-1}>
        {link.title}
      </h1>
      <dl className="portal-facts">
        <div>
          <dt>{t('portal.signing.number')}</dt>
          <dd>{link.number}</dd>
        </div>
        <div>
          <dt>{t('portal.signing.pages')}</dt>
          <dd>{link.pageCount}</dd>
        </div>
        <div>
          <dt>{t('portal.signing.deadline')}</dt>
          <dd>{deadline}</dd>
        </div>
        <div>
          <dt>{t('portal.signing.signer')}</dt>
          <dd>{link.signerName}</dd>
        </div>
      </dl>
    </header>
  );
}

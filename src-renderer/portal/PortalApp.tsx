import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { portalPageOf, portalPaths, type PortalPage } from '../../src-shared/portal/pages';
import { publicVerifyMaxMb } from '../../src-shared/portal/verify';
import type { UiLanguage } from '../../src-shared/settings/schema';
import { LiveStatus } from '../components/LiveStatus';
import { VerifyPanel } from '../sections/verify/VerifyPanel';
import { switchPortalLanguage } from './portal-language';
import { usePortalStatus } from './portal-status';
import { usePortalVerifyStore } from './portal-verify-store';
import { SigningLinkPage } from './signing/SigningLinkPage';

const languages: { code: UiLanguage; name: string }[] = [
  { code: 'pl', name: 'Polski' },
  { code: 'en', name: 'English' },
];

/** The tab's title; a signing link's follows its step (the page reports it). */
const titleKeys: Record<PortalPage['kind'], string> = {
  home: 'portal.home.title',
  verify: 'portal.verify.title',
  signing: 'portal.signing.loadingTitle',
  notFound: 'portal.notFound.title',
};

/**
 * The portal's frame: the brand, the language switch and the page its address names (one index.html serves them all;
 * links between them are ordinary links). The language names are in their own language, so either can be found.
 */
export function PortalApp() {
  const { t, i18n } = useTranslation();
  const page = portalPageOf(window.location.pathname);
  const status = usePortalStatus((s) => s.status);
  const clear = usePortalStatus((s) => s.clear);
  const [pageTitleKey, setPageTitleKey] = useState<string | null>(null);
  const titleKey = pageTitleKey ?? titleKeys[page.kind];

  useEffect(() => {
    document.title = `${t(titleKey)} — Signet`;
  }, [t, i18n.language, titleKey]);

  return (
    <div className="portal">
      <a className="skip-link" href="#portal-main">
        {t('portal.skipToContent')}
      </a>
      <header className="portal-header">
        <a className="portal-brand" href={portalPaths.home}>
          Signet
        </a>
        <div className="portal-languages" role="group" aria-label={t('portal.language')}>
          {languages.map((l) => (
            <button
              key={l.code}
              type="button"
              lang={l.code}
              className="portal-language"
              aria-pressed={i18n.language === l.code}
              onClick={() => void switchPortalLanguage(l.code)}
            >
              {l.name}
            </button>
          ))}
        </div>
      </header>
      <main id="portal-main" className="portal-main" tabIndex={-1}>
        <PortalPageView page={page} onTitle={setPageTitleKey} />
      </main>
      <LiveStatus status={status} onClear={clear} />
    </div>
  );
}

function PortalPageView({ page, onTitle }: { page: PortalPage; onTitle(key: string): void }) {
  const { t } = useTranslation();
  const announce = usePortalStatus((s) => s.announce);
  switch (page.kind) {
    case 'verify':
      return (
        <VerifyPanel
          store={usePortalVerifyStore}
          announce={announce}
          labelledBy="portal-verify-title"
          limitMb={publicVerifyMaxMb}
          header={
            <header className="section-header">
              <h1 id="portal-verify-title">{t('portal.verify.title')}</h1>
              <p className="section-lead">{t('portal.verify.lead')}</p>
            </header>
          }
        />
      );
    case 'signing':
      return <SigningLinkPage token={page.token} onTitle={onTitle} />;
    case 'notFound':
      return <MessagePage titleKey="portal.notFound.title" leadKeys={['portal.notFound.lead']} />;
    case 'home':
      return <MessagePage titleKey="portal.home.title" leadKeys={['portal.home.lead']} />;
  }
}

/** A page that only says something, with the way on: the home page and an address that names none. */
function MessagePage({ titleKey, leadKeys }: { titleKey: string; leadKeys: string[] }) {
  const { t } = useTranslation();
  return (
    <section className="section portal-message" aria-labelledby="portal-message-title">
      <div className="card">
        <h1 id="portal-message-title">
          {t(titleKey)}
        </h1>
        {leadKeys.map((key) => (
          <p key={key}>{t(key)}</p>
        ))}
        <p>
          <a href={portalPaths.verify}>{t('portal.verify.link')}</a>
        </p>
      </div>
    </section>
  );
}

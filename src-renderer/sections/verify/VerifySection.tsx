import type { RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppStore } from '../../state/app-store';
import { useVerifyStore } from './verify-store';
import { VerifyPanel } from './VerifyPanel';

/** The desktop's Verify section: the shared panel over `pdf.verify`, under the section's heading. */
export function VerifySection({ headingRef }: { headingRef: RefObject<HTMLHeadingElement | null> }) {
  const { t } = useTranslation();
  const announce = useAppStore((s) => s.announce);
  return (
    <VerifyPanel
      store={useVerifyStore}
      announce={announce}
      labelledBy="section-title"
      header={
        <header className="section-header">
          <h1 id="section-title" ref={headingRef} tabIndex={-1}>
            {t('nav.verify')}
          </h1>
          <p className="section-lead">{t('verifyPage.lead')}</p>
        </header>
      }
    />
  );
}
